import { PositionTerm } from './position-terms';
import { Entries, own } from './records';

/** How far apart the parties holding a numeric metric are. */
export interface MetricGap {
  unit: string;
  min: number;
  max: number;
  /** max - min, rounded to 12 significant digits so float noise (0.30000000000000004) disappears. */
  spread: number;
  /** Parties (sorted) at the minimum and at the maximum. */
  low: string[];
  high: string[];
}

export type Positions = Entries<Entries<PositionTerm>>;

export const roundSpread = (difference: number): number => Number(difference.toPrecision(12));

/**
 * The gap on one metric: only numeric terms count (qualitative ones are ignored); there is no gap
 * when fewer than two parties hold a number, or when they hold it in different units.
 */
export const gapOf = (positions: Positions, metric: string): MetricGap | null => {
  const holders: Array<[string, number]> = [];
  let unit: string | undefined;
  for (const party of Object.keys(positions).sort()) {
    const term = own(positions[party], metric);
    if (term?.value === undefined || term.unit === undefined) continue;
    if (unit !== undefined && term.unit !== unit) return null;
    unit = term.unit;
    holders.push([party, term.value]);
  }
  if (unit === undefined || holders.length < 2) return null;
  const values = holders.map(([, value]) => value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    unit,
    min,
    max,
    spread: roundSpread(max - min),
    low: holders.filter(([, value]) => value === min).map(([party]) => party),
    high: holders.filter(([, value]) => value === max).map(([party]) => party),
  };
};

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

export const sameGap = (a: MetricGap | null, b: MetricGap | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.unit === b.unit && a.min === b.min && a.max === b.max &&
    sameList(a.low, b.low) && sameList(a.high, b.high));
