import { EventValidationError } from './validation';

export interface RawEvents {
  inputs: unknown[];
  /** 1-based line of each input in the text (NDJSON), or of the document start (JSON). */
  lines: number[];
}

/**
 * Reads a JSON array, a single JSON object, or NDJSON (one object per line). Broken JSON is a
 * validation problem naming the line, so a bad import fails before anything is written.
 */
export const parseEventsText = (text: string): RawEvents => {
  const trimmed = text.trim();
  if (trimmed === '') return { inputs: [], lines: [] };
  if (trimmed.startsWith('[')) {
    const parsed = parseJson(trimmed, 0, 1);
    const items = parsed as unknown[];
    return { inputs: items, lines: items.map(() => 1) };
  }
  try {
    const single = JSON.parse(trimmed) as unknown;
    return { inputs: [single], lines: [1] };
  } catch {
    // not one document: read it as NDJSON below
  }
  const inputs: unknown[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    inputs.push(parseJson(raw, inputs.length, i + 1));
    lines.push(i + 1);
  });
  return { inputs, lines };
};

const parseJson = (text: string, index: number, line: number): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EventValidationError([{ index, line, path: '', message: `invalid JSON: ${(error as Error).message}` }]);
  }
};
