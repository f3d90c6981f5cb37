import { createHash } from 'node:crypto';
import { StoredEvent } from '../../events';
import { resolveKnowledge } from '../../projections';
import { toJson } from '../http/json';
import { EventStore } from '../store/event-store.port';
import { PloverRecord, toPlover } from './plover';

export type ExportFormat = 'ndjson' | 'plover';

/** What `parley import` checks before writing anything: the file is whole and is the export it claims to be. */
export interface ExportManifest {
  format: 'parley-events/1' | 'parley-plover/1';
  /** The store it came from (its kind: sqlite, postgres, kurrentdb). */
  store: string;
  /** The moment of the export: the log as recorded by then. */
  knownAt: string;
  eventCount: number;
  /** Positions of the first and last exported event (strings: positions are 64-bit); null when empty. */
  firstPosition: string | null;
  lastPosition: string | null;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /** PLOVER only: events with no PLOVER category, by Parley type. */
  skipped?: Record<string, number>;
}

export interface ExportSink {
  write(line: string): void;
}

/**
 * Streams the log to NDJSON, one stored event a line in position order, hashing the bytes as they
 * go. PLOVER exports the log as known at that moment (corrections applied, retractions dropped).
 */
export const exportLog = async (
  store: EventStore,
  sink: ExportSink,
  options: { format: ExportFormat; knownAt: string; onProgress?: (done: number) => void },
): Promise<ExportManifest> => {
  const hash = createHash('sha256');
  const emit = (value: unknown): void => {
    const line = `${toJson(value)}\n`;
    hash.update(line);
    sink.write(line);
  };
  let count = 0;
  let first: bigint | null = null;
  let last: bigint | null = null;
  const counted = (event: StoredEvent): void => {
    count++;
    first ??= event.position;
    last = event.position;
    options.onProgress?.(count);
  };
  const skipped: Record<string, number> = {};
  const recorded: StoredEvent[] = [];
  for await (const event of store.readAll()) {
    if (event.recordedAt > options.knownAt) continue;
    if (options.format === 'ndjson') {
      emit(event);
      counted(event);
    } else recorded.push(event);
  }
  if (options.format === 'plover') {
    const byId = new Map(recorded.map((e) => [e.id, e]));
    for (const { event } of resolveKnowledge(recorded, options.knownAt).sort((a, b) => (a.position < b.position ? -1 : 1))) {
      const stored = byId.get(event.id) as StoredEvent;
      const record: PloverRecord | null = toPlover(stored, event);
      if (!record) skipped[event.type] = (skipped[event.type] ?? 0) + 1;
      else {
        emit(record);
        counted(stored);
      }
    }
  }
  return {
    format: options.format === 'ndjson' ? 'parley-events/1' : 'parley-plover/1',
    store: store.kind,
    knownAt: options.knownAt,
    eventCount: count,
    firstPosition: first === null ? null : String(first),
    lastPosition: last === null ? null : String(last),
    sha256: hash.digest('hex'),
    ...(options.format === 'plover' ? { skipped } : {}),
  };
};
