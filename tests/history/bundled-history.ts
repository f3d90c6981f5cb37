import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyEvent, StoredEvent, validateEvent } from '../../events';
import { EffectiveEvent, resolveKnowledge } from '../../projections';

const HISTORY_DIR = join(__dirname, '..', '..', 'events', 'history');

/** When the fresh store below recorded the history, and a moment after it: everything is known. */
export const RECORDED = '2026-12-01T00:00:00.000Z';
export const KNOWN_AT = '2026-12-31T23:59:59.999Z';

/**
 * The bundled history as a fresh store holds it after `parley serve` loads it: every file in name
 * order, each event validated by the catalog, positions 1, 2, 3… in file order.
 */
export const bundledEvents = (): StoredEvent[] => {
  const files = readdirSync(HISTORY_DIR).filter((f) => f.endsWith('.ndjson')).sort();
  const events: ParleyEvent[] = [];
  for (const file of files) {
    const lines = readFileSync(join(HISTORY_DIR, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
    lines.forEach((line, i) => {
      const { event, problems } = validateEvent(JSON.parse(line), i, { file, line: i + 1 });
      if (!event) throw new Error(`${file}:${i + 1} is invalid: ${JSON.stringify(problems)}`);
      events.push(event as ParleyEvent);
    });
  }
  return events.map((event, i) => ({ ...event, position: BigInt(i + 1), streamRevision: BigInt(i), recordedAt: RECORDED }));
};

/** The bundled history resolved in valid-time order, as every as-of answer reads it. */
export const bundledHistory = (): EffectiveEvent[] => resolveKnowledge(bundledEvents(), KNOWN_AT);
