import { MetricEntry } from './types';

/**
 * Metric cues. A number becomes a term only when a cue of its metric stands in the same quote; a
 * cue with no number (a digit-stripped or vague claim) becomes a text-only term.
 */
export const METRICS: readonly MetricEntry[] = [
  { metric: 'labor_wage_floor', unit: 'usd_per_hour', cues: ['(paying|pay|wages?) (of )?at least', 'an hour', 'per hour', '\\bhour\\b'], issues: ['auto-rules-of-origin'] },
  { metric: 'labor_value_content', unit: 'percent', cues: ['high-wage', 'high wage', 'paying at least', 'wages? of at least', 'labou?r value content'], issues: ['auto-rules-of-origin'] },
  { metric: 'us_content', unit: 'percent', cues: ['u\\.?\\s?s\\.?\\s+content', 'american content', 'national content', 'domestic content'], issues: ['auto-rules-of-origin', 'electronics-rules-of-origin'] },
  { metric: 'regional_value_content', unit: 'percent', cues: ['regional (value )?content', 'north american content', 'content .{0,40}(from|in) the region', 'regional production', 'overall content', 'value content', 'high-value parts', 'regional auto content'], issues: ['auto-rules-of-origin', 'electronics-rules-of-origin'] },
  { metric: 'review_period_years', unit: 'years', cues: ['every \\S+ years', 'sunset', 'review'], issues: ['sunset-clause', 'usmca-review'] },
  { metric: 'chapter_19_panels', unit: 'text', cues: ['chapter 19', 'anti-dumping panels?', 'trade .{0,20}dispute-settlement'], issues: ['dispute-settlement'] },
  { metric: 'investor_state', unit: 'text', cues: ['investor[- ]state', 'investment .{0,20}dispute'], issues: ['dispute-settlement'] },
  { metric: 'state_to_state', unit: 'text', cues: ['state[- ]to[- ]state', 'chapter 20'], issues: ['dispute-settlement'] },
  { metric: 'price_floor', unit: 'text', cues: ['price floors?'], issues: ['critical-minerals'] },
  { metric: 'tariff_rate', unit: 'percent', cues: ['tariffs?', 'dut(y|ies)', 'levy', 'levies', 'rate'], issues: [] },
];
