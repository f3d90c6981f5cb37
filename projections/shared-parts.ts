/**
 * Parts of answers that several answers share: the same object, answered once, handed to every
 * question it answers. Such a part is frozen all the way down, so that whoever writes an answer out
 * may write a shared part's text once and reuse it (see src/http/json.ts).
 */
const shared = new WeakSet<object>();

const freezeDeep = (value: unknown): void => {
  if (typeof value !== 'object' || value === null || shared.has(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) freezeDeep(child);
};

/** Freezes a part all the way down and marks it as shared. */
export const sharedPart = <T extends object>(part: T): T => {
  freezeDeep(part);
  shared.add(part);
  return part;
};

export const isSharedPart = (value: unknown): value is object => typeof value === 'object' && value !== null && shared.has(value);
