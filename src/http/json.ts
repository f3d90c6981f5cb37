import { bigintToJson } from '../../events';
import { isSharedPart } from '../../projections';
import { loopSlices } from '../core/loop-slices';

/** JSON for the wire: bigint positions become numbers while exact (strings beyond 2^53). */
export const jsonReplacer = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? bigintToJson(value) : value);

/** An answer already serialised (a large one, by toJsonInSlices): sent as it is. */
export class SerializedJson {
  constructor(readonly text: string) {}
}

/** Most answers (IssueState, tariffs…) hold no bigint: those take the replacer-free fast path. */
export const toJson = (value: unknown): string => {
  if (value instanceof SerializedJson) return value.text;
  if (hasSharedField(value)) return withSharedParts(value);
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, jsonReplacer);
  }
};

/** The text of each shared answer part (frozen all the way down, see projections/shared-parts), written once. */
const sharedTexts = new WeakMap<object, string>();

const sharedText = (part: object): string => {
  let text = sharedTexts.get(part);
  if (text === undefined) sharedTexts.set(part, (text = toJson(part)));
  return text;
};

/** A shared part, or a list of them (judged by its first item). */
const isShared = (value: unknown): boolean => isSharedPart(value) || (Array.isArray(value) && value.length > 0 && isSharedPart(value[0]));

const hasSharedField = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const key in value) if (isShared((value as Record<string, unknown>)[key])) return true;
  return false;
};

/** A value's text, reusing shared parts' texts, a list's item by item (undefined where JSON.stringify gives none). */
const textReusing = (value: unknown): string | undefined => {
  if (isSharedPart(value)) return sharedText(value);
  if (Array.isArray(value) && isShared(value)) return `[${value.map((item) => textReusing(item) ?? 'null').join(',')}]`;
  return toJson(value) as string | undefined;
};

/**
 * An answer with shared parts among its fields (an issue's answered positions, most of its bytes,
 * and its possible terms), written field by field so that those parts' texts are reused: the same
 * text as JSON.stringify.
 */
const withSharedParts = (answer: Record<string, unknown>): string => {
  const fields: string[] = [];
  for (const key of Object.keys(answer)) {
    const text = textReusing(answer[key]);
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${fields.join(',')}}`;
};

export const toJsonValue = (value: unknown): unknown => (value === undefined ? null : JSON.parse(toJson(value)));

/** Items serialised per slice of a large array. */
const ITEMS_PER_SLICE = 1_000;

/**
 * The same text as toJson for an object whose fields may be very large arrays (the answer to a
 * 100 000-event POST): those are serialised a part at a time, the event loop turning in between.
 */
export const toJsonInSlices = async (value: Record<string, unknown>): Promise<SerializedJson> => {
  const slice = loopSlices();
  const fields: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    let text: string;
    if (Array.isArray(field) && field.length > ITEMS_PER_SLICE) {
      const parts: string[] = [];
      for (let i = 0; i < field.length; i += ITEMS_PER_SLICE) {
        parts.push(JSON.stringify(field.slice(i, i + ITEMS_PER_SLICE), jsonReplacer).slice(1, -1));
        await slice();
      }
      text = `[${parts.join(',')}]`;
    } else {
      // With the replacer from the start: these answers hold bigint positions, and toJson's first try would throw.
      text = JSON.stringify(field, jsonReplacer);
    }
    fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return new SerializedJson(`{${fields.join(',')}}`);
};
