/**
 * Copy-on-write helpers for the small keyed maps inside projection states. They copy only the
 * map they change, keep keys sorted (stable JSON), and return the input itself when nothing changes.
 */
export type Entries<V> = Readonly<Record<string, V>>;

export const own = <V>(record: Entries<V>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** The record with these entries set (later entries of the same key win); new keys take their sorted place. */
export const withEntries = <V>(record: Entries<V>, entries: ReadonlyArray<readonly [string, V]>): Record<string, V> => {
  const updates = new Map(entries);
  const copy: Record<string, V> = {};
  const keys = [...updates.keys()].some((key) => !Object.hasOwn(record, key))
    ? [...new Set([...Object.keys(record), ...updates.keys()])].sort()
    : Object.keys(record);
  for (const key of keys) copy[key] = updates.has(key) ? (updates.get(key) as V) : record[key];
  return copy;
};

export const withEntry = <V>(record: Entries<V>, key: string, value: V): Record<string, V> =>
  withEntries(record, [[key, value]]);

/** The record without these keys; the same record when it holds none of them. */
export const withoutKeys = <V>(record: Entries<V>, keys: readonly string[]): Entries<V> => {
  if (!keys.some((key) => Object.hasOwn(record, key))) return record;
  const copy: Record<string, V> = {};
  for (const key of Object.keys(record)) if (!keys.includes(key)) copy[key] = record[key];
  return copy;
};

export const isEmpty = (record: Entries<unknown>): boolean => {
  for (const key in record) if (Object.hasOwn(record, key)) return false;
  return true;
};
