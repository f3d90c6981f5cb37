import { EventLocation, EventValidationError } from './validation';

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
  try {
    const single = JSON.parse(trimmed) as unknown;
    return { inputs: [single], locations: [{ file, line: 1 }] };
  } catch {
    // not one document: read it as NDJSON below
  }
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
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EventValidationError([{ index, ...location, path: '', message: `invalid JSON: ${(error as Error).message}` }]);
  }
};
