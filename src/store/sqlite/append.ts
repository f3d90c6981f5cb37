import type { Database, Statement } from 'better-sqlite3';
import { ParleyEvent, schemaVersionOf, StoredEvent } from '../../../events';
import { Clock } from '../../clock/clock';
import { canonicalBody } from '../event-body';
import { IdempotencyConflictError } from '../errors';
import { AppendOptions, AppendResult } from '../event-store.port';
import { assertExpectedRevision } from '../expected-revision';
import { EVENT_COLUMNS, EventRow, rowToEvent } from './rows';

/**
 * One append = one IMMEDIATE transaction (or one savepoint of a group commit, below): the id,
 * revision and content checks and the inserts see the same snapshot, and a writer in another
 * process waits (busy_timeout) instead of interleaving.
 */
export const sqliteAppend = (db: Database, clock: Clock, onCommitted: () => void = () => undefined) => {
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

  /**
   * Group commit. Appends are queued and committed at the next turn of the event loop: every append
   * that arrived meanwhile (concurrent callers, or requests that queued up while the previous
   * commit's fsync held the loop) shares one IMMEDIATE transaction and so one fsync. Each append
   * runs in its own savepoint (a nested better-sqlite3 transaction): a conflict rolls back that
   * append alone and rejects only its caller. Every caller is answered only after the commit that
   * holds its events has returned, so an acknowledged append is as durable as before.
   */
  const group = db.transaction((queued: readonly Queued[]): Outcome[] =>
    queued.map(({ stream, events, options }): Outcome => {
      try {
        return { ok: true, result: appendInTransaction(stream, events, options) };
      } catch (error) {
        // Only this append's savepoint was rolled back, unless SQLite itself ended the transaction
        // (I/O error, disk full…): then the whole group fails.
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );

  const queue: Queued[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    while (queue.length > 0) {
      const queued = queue.splice(0, MAX_GROUP);
      let outcomes: Outcome[];
      try {
        outcomes =
          queued.length === 1
            ? [{ ok: true, result: appendInTransaction.immediate(queued[0].stream, queued[0].events, queued[0].options) }]
            : group.immediate(queued);
      } catch (error) {
        queued.forEach((q) => q.reject(error));
        continue;
      }
      if (outcomes.some((o) => o.ok && o.result.appended > 0)) onCommitted();
      outcomes.forEach((outcome, i) => (outcome.ok ? queued[i].resolve(outcome.result) : queued[i].reject(outcome.error)));
    }
  };

  return {
    append: (stream: string, events: readonly ParleyEvent[], options: AppendOptions = {}): Promise<AppendResult> =>
      new Promise<AppendResult>((resolve, reject) => {
        queue.push({ stream, events, options, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }),
    /** Commits whatever is queued now (before closing the database). */
    flush,
  };
};

/** At most this many appends share one transaction. */
const MAX_GROUP = 1_000;

interface Queued {
  stream: string;
  events: readonly ParleyEvent[];
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };
