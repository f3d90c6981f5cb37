/**
 * Copy-on-write helpers for the small keyed maps inside projection states. They copy only the
 * map they change, keep keys sorted (stable JSON), and return the input itself when nothing changes.
 */
export type Entries<V> = Readonly<Record<string, V>>;

export const own = <V>(record: Entries<V>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const sortedCopy = <V>(record: Entries<V>, extraKeys: readonly string[]): Record<string, V> => {
  const keys = [...new Set([...Object.keys(record), ...extraKeys])].sort();
  const copy: Record<string, V> = {};
  for (const key of keys) if (Object.hasOwn(record, key)) copy[key] = record[key];
  return copy;
};

/** The record with these entries set (later entries of the same key win). */
export const withEntries = <V>(record: Entries<V>, entries: ReadonlyArray<readonly [string, V]>): Record<string, V> => {
  const added = entries.filter(([key]) => !Object.hasOwn(record, key)).map(([key]) => key);
  const copy = added.length > 0 ? sortedCopy(record, added) : { ...record };
  for (const [key, value] of entries) copy[key] = value;
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
