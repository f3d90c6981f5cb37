import { gapOf, MetricGap, Positions, sameGap } from './metric-gaps';
import { PositionTerm } from './position-terms';
import { Entries, isEmpty, own, withEntries, withEntry, withoutKeys } from './records';

/**
 * Who holds what on one issue, and the gaps that follows from it. Every change copies only the
 * party's map it touches and recomputes only the gaps of the metrics it touches.
 */
export interface PositionBook {
  readonly positions: Positions;
  readonly gaps: Entries<MetricGap>;
}

type TermEntries = ReadonlyArray<readonly [string, PositionTerm]>;

const refreshGaps = (gaps: Entries<MetricGap>, positions: Positions, metrics: Iterable<string>): Entries<MetricGap> => {
  const changed: Array<[string, MetricGap]> = [];
  const gone: string[] = [];
  for (const metric of new Set(metrics)) {
    const before = own(gaps, metric) ?? null;
    const after = gapOf(positions, metric);
    if (sameGap(before, after)) continue;
    if (after) changed.push([metric, after]);
    else gone.push(metric);
  }
  const kept = withoutKeys(gaps, gone);
  return changed.length > 0 ? withEntries(kept, changed) : kept;
};

const metricsOf = (entries: TermEntries): string[] => entries.map(([metric]) => metric);

/** The parties now hold these terms (each on its own metric; their other metrics stand). */
export const holdTerms = (book: PositionBook, parties: readonly string[], entries: TermEntries): PositionBook => {
  let positions = book.positions;
  for (const party of parties) positions = withEntry(positions, party, withEntries(own(positions, party) ?? {}, entries));
  return { positions, gaps: refreshGaps(book.gaps, positions, metricsOf(entries)) };
};

/** The party no longer holds a position on these metrics (a party left with none drops out). */
export const dropTerms = (book: PositionBook, party: string, metrics: readonly string[]): PositionBook => {
  const held = own(book.positions, party);
  if (!held) return book;
  const remaining = withoutKeys(held, metrics);
  if (remaining === held) return book;
  const positions = isEmpty(remaining) ? withoutKeys(book.positions, [party]) : withEntry(book.positions, party, remaining);
  return { positions, gaps: refreshGaps(book.gaps, positions, metrics) };
};
