import { EventLocation, EventValidationError } from './validation';
import { loneSurrogateIn, loneSurrogateMessage } from './well-formed-text';

export interface RawEvents {
  inputs: unknown[];
  /** Where each input stands: its 1-based line (NDJSON), or line 1 of a JSON document. */
  locations: EventLocation[];
}

/**
 * Reads a JSON array, a single JSON object, or NDJSON (one object per line). Broken JSON is a
 * validation problem naming the line, so a bad import fails before anything is written.
 */
export const parseEventsText = (text: string, file?: string): RawEvents => {
  const trimmed = text.trim();
  if (trimmed === '') return { inputs: [], locations: [] };
  if (trimmed.startsWith('[')) {
    const items = parseJson(trimmed, 0, { file, line: 1 }) as unknown[];
    return { inputs: items, locations: items.map(() => ({ file })) };
  }
  let single: unknown;
  try {
    single = JSON.parse(trimmed) as unknown;
  } catch {
    // not one document: read it as NDJSON below
  }
  if (single !== undefined) return { inputs: [wellFormed(trimmed, single, 0, { file, line: 1 })], locations: [{ file, line: 1 }] };
  const inputs: unknown[] = [];
  const locations: EventLocation[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    inputs.push(parseJson(raw, inputs.length, { file, line: i + 1 }));
    locations.push({ file, line: i + 1 });
  });
  return { inputs, locations };
};

const parseJson = (text: string, index: number, location: EventLocation): unknown => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EventValidationError([{ index, ...location, path: '', message: `invalid JSON: ${(error as Error).message}` }]);
  }
  return wellFormed(text, value, index, location);
};

const wellFormed = (text: string, value: unknown, index: number, location: EventLocation): unknown => {
  const surrogate = loneSurrogateIn(text, value);
  if (surrogate !== undefined) throw new EventValidationError([{ index, ...location, path: surrogate, message: loneSurrogateMessage(surrogate) }]);
  return value;
};
