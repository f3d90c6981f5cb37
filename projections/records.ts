/**
 * Copy-on-write helpers for the small keyed maps inside projection states. They copy only the
 * map they change, keep keys sorted (stable JSON), and return the input itself when nothing changes.
 */
export type Entries<V> = Readonly<Record<string, V>>;

export const EMPTY: Entries<never> = Object.freeze({});

export const own = <V>(record: Entries<V>, key: string): V | undefined => {
  const value = record[key];
  return value !== undefined && Object.hasOwn(record, key) ? value : undefined;
};

const sortedWith = <V>(record: Entries<V>, updates: Entries<V>): Record<string, V> => {
  const keys = Object.keys(record);
  for (const key in updates) if (!Object.hasOwn(record, key)) keys.push(key);
  keys.sort();
  const copy: Record<string, V> = {};
  for (const key of keys) copy[key] = Object.hasOwn(updates, key) ? updates[key] : record[key];
  return copy;
};

/** The record with these entries set; new keys take their sorted place. */
export const withEntries = <V>(record: Entries<V>, updates: Entries<V>): Record<string, V> => {
  for (const key in updates) if (!Object.hasOwn(record, key)) return sortedWith(record, updates);
  const copy: Record<string, V> = { ...record };
  for (const key in updates) copy[key] = updates[key];
  return copy;
};

export const withEntry = <V>(record: Entries<V>, key: string, value: V): Record<string, V> => {
  if (!Object.hasOwn(record, key)) return sortedWith(record, { [key]: value });
  const copy: Record<string, V> = { ...record };
  copy[key] = value;
  return copy;
};

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

/** The keys of both records, sorted. */
export const unionOfKeys = (a: Entries<unknown>, b: Entries<unknown>): string[] => {
  const keys = Object.keys(a);
  for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) keys.push(key);
  return keys.sort();
};
