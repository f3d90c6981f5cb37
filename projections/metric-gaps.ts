import { PositionTerm } from './position-terms';
import { Entries } from './records';

/** How far apart the parties holding a numeric metric are. */
export interface MetricGap {
  unit: string;
  min: number;
  max: number;
  /** max - min, rounded so float noise (0.30000000000000004) disappears. */
  spread: number;
  /** Parties (sorted) at the minimum and at the maximum. */
  low: string[];
  high: string[];
}

export type Positions = Entries<Entries<PositionTerm>>;

/** max - min without float noise: rounded to 9 decimal places (12 significant digits beyond a million). */
export const roundSpread = (min: number, max: number): number => {
  const spread = max - min;
  if (Number.isInteger(spread)) return spread;
  return Math.abs(spread) < 1e6 ? Math.round(spread * 1e9) / 1e9 : Number(spread.toPrecision(12));
};

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

export const sameGap = (a: MetricGap | null, b: MetricGap | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.unit === b.unit && a.min === b.min && a.max === b.max &&
    sameList(a.low, b.low) && sameList(a.high, b.high));

/**
 * A party's term on a metric. Metric names are snake_case (the catalog checks), so the only
 * inherited properties a lookup could meet are Object.prototype's functions, which are not objects.
 */
const termOn = (terms: Entries<PositionTerm>, metric: string): PositionTerm | undefined => {
  const term = terms[metric];
  return typeof term === 'object' ? term : undefined;
};

/**
 * The gap on one metric: only numeric terms count (qualitative ones are ignored); there is no gap
 * when fewer than two parties hold a number, or when they hold it in different units.
 * Returns `previous` itself when the gap has not changed.
 */
export const gapOf = (positions: Positions, metric: string, previous: MetricGap | null = null): MetricGap | null => {
  let unit: string | undefined;
  let low: string[] = [];
  let high: string[] = [];
  let min = Infinity;
  let max = -Infinity;
  let holders = 0;
  for (const party in positions) {
    const term = termOn(positions[party], metric);
    if (term?.value === undefined || term.unit === undefined) continue;
    if (unit === undefined) unit = term.unit;
    else if (term.unit !== unit) return null;
    holders++;
    const value = term.value;
    if (value < min) {
      min = value;
      low = [party];
    } else if (value === min) low.push(party);
    if (value > max) {
      max = value;
      high = [party];
    } else if (value === max) high.push(party);
  }
  if (unit === undefined || holders < 2) return null;
  if (low.length > 1) low.sort();
  if (high.length > 1) high.sort();
  if (previous && previous.unit === unit && previous.min === min && previous.max === max &&
    sameList(previous.low, low) && sameList(previous.high, high)) return previous;
  return { unit, min, max, spread: roundSpread(min, max), low, high };
};
