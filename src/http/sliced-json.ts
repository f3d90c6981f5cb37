import { loneSurrogateIn, loneSurrogateMessage } from '../../events';
import { LoopSlice, loopSlices } from '../core/loop-slices';

/**
 * JSON.parse of a 10 MB batch holds the event loop for ~100 ms, and the depth scan before it as
 * long again. A large body is therefore read in slices: one scan (depth, strings) that also finds
 * where each event of the batch starts and ends, then each event parsed on its own, with turns of
 * the event loop in between. Only the shapes a batch comes in are sliced — a bare array of events,
 * or an object whose one `events` key holds the array; anything else is parsed whole.
 */

/** `notText`: the JSON is well-formed, but a string in it is not text (a lone surrogate escape). */
export type SlicedJson = { ok: true; value: unknown } | { ok: false; problem: string; notText?: true };

/** A lone surrogate escape in one event: refused as the whole-body check refuses it, with the same path. */
class NotTextError extends Error {}

/** Characters scanned per check of the slice clock. */
const SCAN_STEP = 1 << 16;

interface Layout {
  /** [start, end) of each element of the batch's array. */
  elements: [number, number][];
  /** The array itself, [start of '[', end after ']'] — for an envelope object, to put the elements back. */
  array: [number, number];
  envelope: boolean;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Where the batch's elements are, or a reason to stop (too deep), or undefined for a shape not sliced. */
const layoutOf = async (text: string, maxDepth: number, slice: LoopSlice): Promise<Layout | { tooDeep: true } | undefined> => {
  let first = 0;
  while (first < text.length && isSpace(text.charCodeAt(first))) first++;
  const top = text.charCodeAt(first);
  if (top !== 0x5b /* [ */ && top !== 0x7b /* { */) return undefined;
  const envelope = top === 0x7b;
  // The array depth whose commas separate events: 1 in a bare array, 2 inside the envelope's `events`.
  const elementDepth = envelope ? 2 : 1;
  const elements: [number, number][] = [];
  let arrayStart = envelope ? -1 : first;
  let arrayEnd = -1;
  let eventsKeys = 0;
  let lastString: [number, number] = [0, 0];
  let key = '';
  let inBatch = !envelope;
  let elementStart = first + 1;
  let depth = 0;
  let inString = false;
  for (let i = first; i < text.length; i++) {
    if ((i & (SCAN_STEP - 1)) === 0) await slice();
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) {
        inString = false;
        lastString[1] = i + 1;
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      lastString = [i, i];
    } else if (c === 0x3a /* : */ && depth === 1 && envelope) {
      key = text.slice(lastString[0], lastString[1]);
      if (key === '"events"') eventsKeys++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return { tooDeep: true };
      if (envelope && depth === 2 && c === 0x5b && key === '"events"') {
        inBatch = true;
        arrayStart = i;
        elementStart = i + 1;
      }
    } else if (c === 0x7d || c === 0x5d) {
      if (inBatch && depth === elementDepth) {
        if (elements.length > 0 || text.slice(elementStart, i).trim() !== '') elements.push([elementStart, i]);
        inBatch = false;
        arrayEnd = i + 1;
      }
      depth--;
    } else if (c === 0x2c /* , */ && inBatch && depth === elementDepth) {
      elements.push([elementStart, i]);
      elementStart = i + 1;
    }
  }
  // Unbalanced, or an envelope whose `events` is not one array: parsed whole, for JSON.parse's own message.
  if (depth !== 0 || inString || arrayEnd < 0 || (envelope && eventsKeys !== 1)) return undefined;
  return { elements, array: [arrayStart, arrayEnd], envelope };
};

/** The value, unless a string in it holds a lone surrogate escape. */
const wellFormed = (text: string, value: unknown): unknown => {
  const surrogate = loneSurrogateIn(text, value);
  if (surrogate !== undefined) throw new NotTextError(loneSurrogateMessage(surrogate));
  return value;
};

/** JSON.parse of one event of the batch; its error names the event and places it in the whole text. */
const parseEvent = (text: string, index: number, start: number, end: number, pathPrefix: string): unknown => {
  const part = text.slice(start, end);
  if (part.trim() === '') throw new SyntaxError(`event #${index} at position ${start} is empty (two commas in a row, or a comma before "]")`);
  let value: unknown;
  try {
    value = JSON.parse(part);
  } catch (error) {
    const message = (error as Error).message.replace(/position (\d+)/, (_, at: string) => `position ${start + Number(at)}`);
    throw new SyntaxError(`event #${index} (from position ${start}): ${message}`, { cause: error });
  }
  const surrogate = loneSurrogateIn(part, value);
  if (surrogate !== undefined) {
    throw new NotTextError(loneSurrogateMessage(`${pathPrefix}[${index}]${surrogate === '' || surrogate.startsWith('[') ? surrogate : `.${surrogate}`}`));
  }
  return value;
};

/** UTF-8 bytes as text a slice at a time, or undefined when they are not UTF-8. */
export const decodeUtf8InSlices = async (bytes: Buffer): Promise<string | undefined> => {
  const slice = loopSlices();
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const parts: string[] = [];
  try {
    for (let start = 0; start < bytes.length; start += DECODE_STEP) {
      parts.push(decoder.decode(bytes.subarray(start, start + DECODE_STEP), { stream: true }));
      await slice();
    }
    parts.push(decoder.decode());
  } catch {
    return undefined;
  }
  return parts.join('');
};

const DECODE_STEP = 1 << 20;

export const parseJsonInSlices = async (text: string, maxDepth: number): Promise<SlicedJson | { tooDeep: true }> => {
  const slice = loopSlices();
  const layout = await layoutOf(text, maxDepth, slice);
  if (layout && 'tooDeep' in layout) return layout;
  try {
    if (!layout) return { ok: true, value: wellFormed(text, JSON.parse(text)) };
    const [arrayStart, arrayEnd] = layout.array;
    // What surrounds the array (nothing, or the envelope's other keys) must itself be JSON; when it
    // is not, the whole text is parsed for JSON.parse's own message.
    const outerText = `${text.slice(0, arrayStart)}[]${text.slice(arrayEnd)}`;
    let outer: unknown;
    try {
      outer = JSON.parse(outerText);
    } catch {
      return { ok: true, value: JSON.parse(text) };
    }
    wellFormed(outerText, outer);
    const batch = new Array<unknown>(layout.elements.length);
    for (let i = 0; i < layout.elements.length; i++) {
      batch[i] = parseEvent(text, i, layout.elements[i][0], layout.elements[i][1], layout.envelope ? 'events' : '');
      if ((i & 63) === 63) await slice();
    }
    if (!layout.envelope) return { ok: true, value: batch };
    (outer as { events: unknown[] }).events = batch;
    return { ok: true, value: outer };
  } catch (error) {
    return error instanceof NotTextError ? { ok: false, problem: error.message, notText: true } : { ok: false, problem: (error as Error).message };
  }
};
