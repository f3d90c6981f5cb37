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

/** The UTF-8 JSON of each shared answer part (frozen all the way down, see projections/shared-parts), written once. */
const sharedJson = new WeakMap<object, Buffer>();

const sharedJsonOf = (part: object): Buffer => {
  let json = sharedJson.get(part);
  if (json === undefined) sharedJson.set(part, (json = Buffer.from(toJson(part))));
  return json;
};

/** Values JSON.stringify leaves out of an object (and writes as null in a list). */
const unwritable = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

const isPlainContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/**
 * Whether a value is a shared part or a list or record of them (an answer's positions: parties'
 * shared terms), judged by its first value: an answer's lists and records are uniform.
 */
const holdsShared = (value: unknown): boolean => {
  if (isSharedPart(value)) return true;
  if (!isPlainContainer(value)) return false;
  if (Array.isArray(value)) return value.length > 0 && isSharedPart(value[0]);
  for (const key in value) return isSharedPart(value[key]);
  return false;
};

const hasSharedField = (value: unknown): value is Record<string, unknown> => {
  if (!isPlainContainer(value) || Array.isArray(value)) return false;
  for (const key in value) if (holdsShared(value[key])) return true;
  return false;
};

/**
 * An answer with shared parts among its fields (an issue's positions, most of its bytes, and its
 * possible terms) as pieces: text written for this answer, and the shared parts' JSON written once.
 * Together, the pieces are the UTF-8 of the text JSON.stringify gives.
 */
const piecesOf = (answer: Record<string, unknown>): (string | Buffer)[] => {
  const pieces: (string | Buffer)[] = [];
  let text = '';
  const write = (value: unknown): void => {
    if (isSharedPart(value)) {
      if (text !== '') pieces.push(text);
      pieces.push(sharedJsonOf(value));
      text = '';
    } else if (Array.isArray(value) && holdsShared(value)) {
      value.forEach((item, i) => {
        text += i === 0 ? '[' : ',';
        if (unwritable(item)) text += 'null';
        else write(item);
      });
      text += ']';
    } else if (isPlainContainer(value) && holdsShared(value)) {
      writeFields(value as Record<string, unknown>);
    } else {
      text += toJson(value);
    }
  };
  const writeFields = (record: Record<string, unknown>): void => {
    const keys = Object.keys(record).filter((key) => !unwritable(record[key]));
    if (keys.length === 0) text += '{';
    keys.forEach((key, i) => {
      text += `${i === 0 ? '{' : ','}${JSON.stringify(key)}:`;
      write(record[key]);
    });
    text += '}';
  };
  writeFields(answer);
  pieces.push(text);
  return pieces;
};

const withSharedParts = (answer: Record<string, unknown>): string =>
  piecesOf(answer)
    .map((piece) => (typeof piece === 'string' ? piece : piece.toString('utf8')))
    .join('');

/**
 * An answer as the bytes of an HTTP body. One with shared parts is assembled from their UTF-8,
 * encoded once, so that its text is never built again: most of a large as-of answer, and most of
 * the garbage per request (a collection pauses every request in flight).
 */
export const toJsonBody = (value: unknown): string | Buffer => {
  if (!hasSharedField(value)) return toJson(value);
  const pieces = piecesOf(value);
  const body = Buffer.allocUnsafe(pieces.reduce((n, piece) => n + (typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length), 0));
  let at = 0;
  for (const piece of pieces) at += typeof piece === 'string' ? body.write(piece, at) : piece.copy(body, at);
  return body;
};

export const toJsonValue = (value: unknown): unknown => (value === undefined ? null : JSON.parse(toJson(value)));

/** Items serialised per slice of a large array. */
const ITEMS_PER_SLICE = 1_000;

/**
 * The same text as toJson for an object whose fields may be very large arrays (the answer to a
 * 100 000-event POST): those are serialised a part at a time, the event loop turning in between.
 */
export const toJsonInSlices = async (value: Record<string, unknown>): Promise<SerializedJson> => {
  // The common answer (a few events): one call, with the replacer (it holds bigint positions).
  if (!Object.values(value).some((field) => Array.isArray(field) && field.length > ITEMS_PER_SLICE)) return new SerializedJson(JSON.stringify(value, jsonReplacer));
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
