import type { Database, Statement } from 'better-sqlite3';
import { ParleyEvent, schemaVersionOf, StoredEvent } from '../../../events';
import { Clock } from '../../clock/clock';
import { canonicalBody } from '../event-body';
import { IdempotencyConflictError } from '../errors';
import { AppendOptions, AppendResult } from '../event-store.port';
import { assertExpectedRevision } from '../expected-revision';
import { EVENT_COLUMNS, EventRow, rowToEvent } from './rows';

/**
 * One append = one IMMEDIATE transaction: the id, revision and content checks and the inserts see
 * the same snapshot, and a writer in another process waits (busy_timeout) instead of interleaving.
 */
export const sqliteAppend = (db: Database, clock: Clock) => {
  const byId: Statement<[string], EventRow & { body: string }> = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`);
  const revision = db.prepare<[string], { revision: number | null }>(
    'SELECT max(stream_revision) AS revision FROM events WHERE stream = ?',
  );
  const lastRecordedAt = db.prepare<[], { recorded_at: string }>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO events (id, stream, stream_revision, type, negotiation, issue, party, occurred_at, recorded_at, schema_version, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const appendInTransaction = db.transaction((stream: string, events: readonly ParleyEvent[], options: AppendOptions): AppendResult => {
    const stored: StoredEvent[] = [];
    const fresh: { event: ParleyEvent; body: string; slot: number }[] = [];
    const inBatch = new Map<string, string>();
    for (const event of events) {
      const body = canonicalBody(event);
      const seen = inBatch.get(event.id);
      if (seen !== undefined) {
        if (seen !== body) throw new IdempotencyConflictError(event.id);
        continue;
      }
      inBatch.set(event.id, body);
      const existing = byId.get(event.id);
      if (existing) {
        if (existing.body !== body) throw new IdempotencyConflictError(event.id, BigInt(existing.position));
        stored.push(rowToEvent(existing));
      } else {
        fresh.push({ event, body, slot: stored.length });
        stored.push(undefined as unknown as StoredEvent);
      }
    }
    const current = BigInt(revision.get(stream)?.revision ?? -1);
    if (fresh.length === 0) return { nextExpectedRevision: current, events: stored, appended: 0, duplicates: stored.length };
    assertExpectedRevision(stream, options.expectedRevision ?? 'any', current);

    // Transaction time never runs backwards, even across processes with skewed clocks: "known at"
    // then always cuts the log at a position.
    const now = clock.now().toISOString();
    const previous = lastRecordedAt.get()?.recorded_at;
    const recordedAt = previous !== undefined && previous > now ? previous : now;
    let next = current;
    for (const { event, body, slot } of fresh) {
      next += 1n;
      const { lastInsertRowid } = insert.run(
        event.id, stream, next, event.type, event.negotiation, event.issue ?? null, event.party ?? null,
        event.occurredAt, recordedAt, schemaVersionOf(event.type), body,
      );
      stored[slot] = { ...event, position: BigInt(lastInsertRowid), streamRevision: next, recordedAt };
    }
    return { nextExpectedRevision: next, events: stored, appended: fresh.length, duplicates: stored.length - fresh.length };
  });

  return (stream: string, events: readonly ParleyEvent[], options: AppendOptions = {}): AppendResult =>
    appendInTransaction.immediate(stream, events, options);
};
