/**
 * The shared vocabulary of issues and metrics. Unknown issues and metrics are allowed (negotiations
 * invent new ones), but a known metric must be stated in its own unit so that gaps compare like with like.
 */
export type MetricUnit = 'percent' | 'usd_per_hour' | 'years' | 'text' | 'usd' | 'tonnes';

export interface MetricDefinition {
  readonly unit: MetricUnit;
  readonly label: string;
  /** The largest value that makes sense (a share of content is at most 100 %); every known number is at least 0. */
  readonly max?: number;
}

/** A tariff rate above this is a typing error, not a measure (rates in the hundreds of percent do exist). */
export const MAX_TARIFF_PERCENT = 1000;

export const KNOWN_METRICS: Readonly<Record<string, MetricDefinition>> = {
  regional_value_content: { unit: 'percent', label: 'Regional value content', max: 100 },
  labor_value_content: { unit: 'percent', label: 'Labour value content (high-wage production)', max: 100 },
  labor_wage_floor: { unit: 'usd_per_hour', label: 'Wage floor for labour value content' },
  us_content: { unit: 'percent', label: 'US national content', max: 100 },
  review_period_years: { unit: 'years', label: 'Review period' },
  term_years: { unit: 'years', label: 'Term before expiry' },
  chapter_19_panels: { unit: 'text', label: 'Chapter 19 anti-dumping panels' },
  investor_state: { unit: 'text', label: 'Investor-state dispute settlement' },
  state_to_state: { unit: 'text', label: 'State-to-state dispute settlement' },
  tariff_rate: { unit: 'percent', label: 'Tariff rate', max: MAX_TARIFF_PERCENT },
  price_floor: { unit: 'text', label: 'Price floor' },
};

export interface IssueDefinition {
  readonly title: string;
  readonly metrics: readonly string[];
}

export const KNOWN_ISSUES: Readonly<Record<string, IssueDefinition>> = {
  'auto-rules-of-origin': {
    title: 'Auto rules of origin',
    metrics: ['regional_value_content', 'labor_value_content', 'labor_wage_floor', 'us_content'],
  },
  'sunset-clause': { title: 'Sunset clause', metrics: ['review_period_years', 'term_years'] },
  'dispute-settlement': {
    title: 'Dispute settlement',
    metrics: ['chapter_19_panels', 'investor_state', 'state_to_state'],
  },
  'steel-aluminum-tariffs': { title: 'Steel and aluminum tariffs', metrics: ['tariff_rate'] },
  'auto-tariffs': { title: 'Auto tariffs', metrics: ['tariff_rate'] },
  'critical-minerals': { title: 'Critical minerals', metrics: ['price_floor'] },
  'services-trade': { title: 'Services trade', metrics: [] },
  'electronics-rules-of-origin': { title: 'Electronics rules of origin', metrics: ['regional_value_content'] },
  'usmca-review': { title: 'USMCA joint review', metrics: ['review_period_years', 'term_years'] },
};

export const metricDefinition = (metric: string): MetricDefinition | undefined =>
  Object.prototype.hasOwnProperty.call(KNOWN_METRICS, metric) ? KNOWN_METRICS[metric] : undefined;
