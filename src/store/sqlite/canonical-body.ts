import { ParleyEvent } from '../../../events';
import { canonicalBody } from '../event-body';

/**
 * The same text as `canonicalBody` (../event-body.ts: keys sorted, undefined dropped), built with
 * plain loops instead of keys→filter→map→fromEntries arrays at every level: it runs once per
 * appended event. Anything but plain objects, arrays and JSON primitives goes to `canonicalBody`.
 */
export const fastCanonicalBody = (event: ParleyEvent): string => {
  const sorted = sortKeys(event);
  return sorted === UNUSUAL ? canonicalBody(event) : JSON.stringify(sorted);
};

const UNUSUAL = Symbol('unusual');

const sortKeys = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? UNUSUAL : value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = sortKeys(value[i]);
      if (item === UNUSUAL) return UNUSUAL;
      out[i] = item;
    }
    return out;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return UNUSUAL;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  // A null-prototype object, as Object.fromEntries would make an own "__proto__" key.
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    const sorted = sortKeys(item);
    if (sorted === UNUSUAL) return UNUSUAL;
    out[key] = sorted;
  }
  return out;
};
