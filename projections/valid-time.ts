/**
 * Valid time: when an event counts in the world it describes (the end of its date's window),
 * as opposed to transaction time (when Parley learned of it).
 */
export interface ValidTimed {
  readonly countsFrom: string;
  readonly position: bigint;
}

export const comparePositions = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** Valid-time order: by the day an event counts from, then by its global position. */
export const compareValidTime = (a: ValidTimed, b: ValidTimed): number =>
  a.countsFrom < b.countsFrom ? -1 : a.countsFrom > b.countsFrom ? 1 : comparePositions(a.position, b.position);

/** Whether `a` comes after `b` in valid time: the later word of two decisions or grants. */
export const isLaterInValidTime = (a: ValidTimed, b: ValidTimed): boolean => compareValidTime(a, b) > 0;


/** Sorts in valid-time order, skipping the sort when the input already is (the common case). */
export const sortByValidTime = <T extends ValidTimed>(items: T[]): T[] => {
  for (let i = 1; i < items.length; i++) {
    if (compareValidTime(items[i - 1], items[i]) > 0) return items.sort(compareValidTime);
  }
  return items;
};

/** The calendar day before a YYYY-MM-DD day. */
export const dayBefore = (day: string): string => {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10);
};


/**
 * How many items of a list sorted by the day they count from count by `asOf` (an upper bound by
 * binary search): the as-of cut of a valid-time ordered history.
 */
export const countCountedBy = <T>(sorted: readonly T[], asOf: string, dayOf: (item: T) => string): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dayOf(sorted[mid]) <= asOf) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
