import { gapOf, MetricGap, Positions } from './metric-gaps';
import { metricOfKey, PositionTerm } from './position-terms';
import { EMPTY, Entries, isEmpty, own, withEntries, withEntry, withoutKeys } from './records';

/**
 * Who holds what on one issue, and the gaps that follow from it. Every change copies only the
 * party maps it touches and recomputes only the gaps of the metrics it touches.
 */
export interface PositionBook {
  readonly positions: Positions;
  readonly gaps: Entries<MetricGap>;
}

const refreshGaps = (gaps: Entries<MetricGap>, positions: Positions, metrics: readonly string[]): Entries<MetricGap> => {
  let changed: Record<string, MetricGap> | undefined;
  let gone: string[] | undefined;
  for (const metric of metrics) {
    const before = own(gaps, metric) ?? null;
    const after = gapOf(positions, metric, before);
    if (after === before) continue;
    if (after) (changed ??= {})[metric] = after;
    else (gone ??= []).push(metric);
  }
  const kept = gone ? withoutKeys(gaps, gone) : gaps;
  return changed ? withEntries(kept, changed) : kept;
};

/** The parties now hold these terms, by metric (their other metrics stand). */
export const holdTerms = (book: PositionBook, parties: readonly string[], terms: Entries<PositionTerm>): PositionBook => {
  let positions = book.positions;
  for (const party of parties) positions = withEntry(positions, party, withEntries(own(positions, party) ?? EMPTY, terms));
  return { positions, gaps: refreshGaps(book.gaps, positions, Object.keys(terms)) };
};

/**
 * The keys a withdrawal names: "metric@scope" names one scoped term; a bare metric withdraws the
 * party's whole position on it, every scope included.
 */
const withdrawnKeys = (held: Entries<PositionTerm>, metrics: readonly string[]): string[] => {
  const keys = [...metrics];
  for (const key of Object.keys(held)) if (key.includes('@') && metrics.includes(metricOfKey(key))) keys.push(key);
  return keys;
};

/** The party no longer holds a position on these metrics (a party left with none drops out). */
export const dropTerms = (book: PositionBook, party: string, named: readonly string[]): PositionBook => {
  const held = own(book.positions, party);
  if (!held) return book;
  const metrics = withdrawnKeys(held, named);
  const remaining = withoutKeys(held, metrics);
  if (remaining === held) return book;
  const positions = isEmpty(remaining) ? withoutKeys(book.positions, [party]) : withEntry(book.positions, party, remaining);
  return { positions, gaps: refreshGaps(book.gaps, positions, metrics) };
};
