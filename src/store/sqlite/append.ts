import type { Database, Statement } from 'better-sqlite3';
import { ParleyEvent, schemaVersionOf, StoredEvent } from '../../../events';
import { Clock } from '../../clock/clock';
import { IdempotencyConflictError } from '../errors';
import { AppendOptions, AppendResult, StreamAppend } from '../event-store.port';
import { revisionConflict, revisionHolds } from '../expected-revision';
import { fastCanonicalBody as canonicalBody } from './canonical-body';
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
  // The fast path's insert: an id already stored changes nothing (changes = 0) and is then looked up.
  const insertUnlessStored = db.prepare(
    `INSERT INTO events (id, stream, stream_revision, type, negotiation, issue, party, occurred_at, recorded_at, schema_version, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const recordedAtNow = (): string => {
    // Transaction time never runs backwards, even across processes with skewed clocks: "known at"
    // then always cuts the log at a position.
    const now = clock.now().toISOString();
    const previous = lastRecordedAt.get()?.recorded_at;
    return previous !== undefined && previous > now ? previous : now;
  };

  /**
   * The common case — the expected revision holds — without a lookup per event: each event is
   * inserted unless its id is stored, and only then is the stored one fetched and compared. Any
   * conflict throws, and the transaction (or savepoint) takes back what this append inserted.
   */
  const appendExpected = (stream: string, events: readonly ParleyEvent[], current: bigint): AppendResult => {
    const stored: StoredEvent[] = [];
    const inBatch = new Map<string, string>();
    const recordedAt = recordedAtNow();
    let next = current;
    let appended = 0;
    for (const event of events) {
      const body = canonicalBody(event);
      const seen = inBatch.get(event.id);
      if (seen !== undefined) {
        if (seen !== body) throw new IdempotencyConflictError(event.id);
        continue;
      }
      inBatch.set(event.id, body);
      const { changes, lastInsertRowid } = insertUnlessStored.run(
        event.id, stream, next + 1n, event.type, event.negotiation, event.issue ?? null, event.party ?? null,
        event.occurredAt, recordedAt, schemaVersionOf(event.type), body,
      );
      if (changes === 1) {
        next += 1n;
        appended++;
        stored.push({ ...event, position: BigInt(lastInsertRowid), streamRevision: next, recordedAt });
        continue;
      }
      const existing = byId.get(event.id) as EventRow;
      if (existing.body !== body) throw new IdempotencyConflictError(event.id, BigInt(existing.position));
      stored.push(rowToEvent(existing));
    }
    return { nextExpectedRevision: next, events: stored, appended, duplicates: stored.length - appended };
  };

  /** Every event already stored with the same content (a retried batch)? Other content is a conflict. */
  const storedAlready = (events: readonly ParleyEvent[]): StoredEvent[] | undefined => {
    const stored: StoredEvent[] = [];
    for (const event of events) {
      const existing = byId.get(event.id) as EventRow | undefined;
      if (!existing) return undefined;
      if (existing.body !== canonicalBody(event)) throw new IdempotencyConflictError(event.id, BigInt(existing.position));
      if (!stored.some((e) => e.id === event.id)) stored.push(rowToEvent(existing));
    }
    return stored;
  };

  const appendInTransaction = db.transaction((stream: string, events: readonly ParleyEvent[], options: AppendOptions): AppendResult => {
    const expected = options.expectedRevision ?? 'any';
    const actual = BigInt(revision.get(stream)?.revision ?? -1);
    if (revisionHolds(expected, actual)) return appendExpected(stream, events, actual);
    // A revision that does not hold is still no conflict when every event is already stored (a retry).
    const retried = storedAlready(events);
    if (retried) return { nextExpectedRevision: actual, events: retried, appended: 0, duplicates: retried.length };
    throw revisionConflict(stream, expected, actual);
  });

  /** Several streams as one unit: a savepoint around them all, so one conflict takes back every stream. */
  const appendStreams = db.transaction((appends: readonly StreamAppend[]): AppendResult[] =>
    appends.map(({ stream, events, expectedRevision }) => appendInTransaction(stream, events, { expectedRevision })),
  );

  /**
   * Group commit. Appends are queued and committed at the next turn of the event loop: every append
   * that arrived meanwhile (concurrent callers, or requests that queued up while the previous
   * commit's fsync held the loop) shares one IMMEDIATE transaction and so one fsync. Each append —
   * one stream or several — runs in its own savepoint (a nested better-sqlite3 transaction): a
   * conflict rolls back that append alone, all its streams, and rejects only its caller. Every
   * caller is answered only after the commit that holds its events has returned, so an
   * acknowledged append is as durable as before, and an append is never partly committed.
   */
  const group = db.transaction((queued: readonly Queued[]): Outcome[] =>
    queued.map(({ appends }): Outcome => {
      try {
        return { ok: true, results: appendStreams(appends) };
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
        outcomes = queued.length === 1 ? [{ ok: true, results: appendStreams.immediate(queued[0].appends) }] : group.immediate(queued);
      } catch (error) {
        queued.forEach((q) => q.reject(error));
        continue;
      }
      if (outcomes.some((o) => o.ok && o.results.some((r) => r.appended > 0))) onCommitted();
      outcomes.forEach((outcome, i) => (outcome.ok ? queued[i].resolve(outcome.results) : queued[i].reject(outcome.error)));
    }
  };

  const enqueue = (appends: readonly StreamAppend[]): Promise<AppendResult[]> =>
    new Promise<AppendResult[]>((resolve, reject) => {
      queue.push({ appends, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });

  return {
    append: async (stream: string, events: readonly ParleyEvent[], options: AppendOptions = {}): Promise<AppendResult> =>
      (await enqueue([{ stream, events, expectedRevision: options.expectedRevision }]))[0],
    appendToStreams: enqueue,
    /** Commits whatever is queued now (before closing the database). */
    flush,
  };
};

/** At most this many appends share one transaction. */
const MAX_GROUP = 1_000;

interface Queued {
  appends: readonly StreamAppend[];
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; results: AppendResult[] } | { ok: false; error: unknown };
