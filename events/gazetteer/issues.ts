import { IssueEntry } from './types';

/**
 * Issues recognised in a sentence. Slugs of the shared vocabulary where one exists; others are
 * allowed (negotiations invent new issues).
 */
export const ISSUES: readonly IssueEntry[] = [
  { slug: 'auto-rules-of-origin', priority: 3, any: ['\\b(auto|autos|car|cars|vehicles?|automotive|high-wage|wage)\\b'], all: ['(content|rules? of origin|made in the region|sourced|high-wage|per hour|\\$\\s?\\d+\\s*(an\\s|per\\s|a\\s)?hour)'] },
  { slug: 'electronics-rules-of-origin', priority: 3, any: ['\\belectronic'], all: ['(content|components|regional production|rules? of origin)'] },
  { slug: 'auto-tariffs', priority: 2, any: ['\\b(auto|car|cars|vehicle|vehicles|truck|automobile|automotive)s?\\b'], all: ['(tariff|dut(y|ies)|probe|investigation|section 232|national security)'] },
  { slug: 'steel-aluminum-tariffs', priority: 2, any: ['\\b(steel|alumin(i)?um)\\b'] },
  { slug: 'critical-minerals', priority: 2, any: ['(critical|vital) minerals?', '\\b(rare earths?|lithium|mining and processing|price floors?)\\b'] },
  { slug: 'sunset-clause', priority: 3, any: ['\\bsunset\\b', 'expire (automatically )?(after|every)'] },
  { slug: 'dispute-settlement', priority: 3, any: ['dispute[- ]settlement', 'chapter (19|11|20)\\b', 'investor[- ]state', 'arbitration panels?'] },
  { slug: 'usmca-review', priority: 2, any: ['(joint|mandatory|six-year) review'] },
  { slug: 'services-trade', priority: 1, any: ['\\bservices\\b', '\\bservers\\b'] },
  { slug: 'digital-services-tax', priority: 3, any: ['digital services? tax', '\\bdst\\b'] },
  { slug: 'dairy-market-access', priority: 3, any: ['\\bdairy\\b', 'supply management'] },
  { slug: 'agriculture', priority: 1, any: ['\\b(agricultur\\w*|farm|farmers|soybeans?|corn|beef|pork|wheat|rice)\\b'] },
  { slug: 'pharmaceutical-tariffs', priority: 2, any: ['\\bpharmaceutical'], all: ['(tariff|dut(y|ies))'] },
  { slug: 'semiconductor-tariffs', priority: 2, any: ['\\b(semiconductors?|chips)\\b'], all: ['(tariff|dut(y|ies))'] },
  { slug: 'reciprocal-tariffs', priority: 1, any: ['\\b(reciprocal|baseline|across-the-board|blanket|retaliatory)\\b'], all: ['(tariff|dut(y|ies))'] },
  { slug: 'fentanyl-tariffs', priority: 2, any: ['\\bfentanyl\\b'] },
  { slug: 'export-controls', priority: 2, any: ['export controls?', 'export restrictions?', 'export licen[cs]es?'] },
  { slug: 'energy-purchases', priority: 2, any: ['\\b(lng|liquefied natural gas|energy purchases?)\\b', '\\b(buy|purchase|purchases|buying)\\s+(?:[\\w.]+\\s+){0,2}energy\\b'] },
  { slug: 'investment-pledges', priority: 1, any: ['invest(ment)?s? (of|worth) \\$', '\\$\\s?\\d[\\d.,]*\\s*(billion|bn)\\s+(of |in )?(new )?investments?'] },
  /** Tariff levels in general, when no product or programme is named. */
  { slug: 'tariff-rates', priority: 0, any: ['\\b(tariffs?|duties|duty|levies)\\b'] },
];
