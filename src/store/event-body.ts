import { ParleyEvent } from '../../events';

/**
 * The canonical text of an event's content: keys sorted, so that "same id, same content" can be
 * decided by comparing strings whatever order the submitter wrote the fields in.
 */
export const canonicalBody = (event: ParleyEvent): string => JSON.stringify(sortKeys(event));

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
};
