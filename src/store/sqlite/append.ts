import type { Database, Statement } from 'better-sqlite3';
import { ParleyEvent, schemaVersionOf, StoredEvent } from '../../../events';
import { Clock } from '../../clock/clock';
import { IdempotencyConflictError } from '../errors';
import { AppendOptions, AppendResult, StreamAppend } from '../event-store.port';
import { revisionConflict, revisionHolds } from '../expected-revision';
import { fastCanonicalBody as canonicalBody } from './canonical-body';
import { ChainedRow, chainHash, GENESIS } from './hash-chain';
import { EVENT_COLUMNS, EventRow, rowToEvent } from './rows';
import { ID_STORED } from './schema';
import { storageProblemOf, StoreNotWritableError } from './storage-errors';

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
  // The last stored event: where positions continue, the time they may not run behind, the hash they chain on.
  const tail = db.prepare<[], { position: number; recorded_at: string; hash: string | null }>(
    'SELECT e.position, e.recorded_at, h.hash FROM events e LEFT JOIN event_hashes h ON h.position = e.position ORDER BY e.position DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO events (position, id, stream, stream_revision, type, negotiation, issue, party, occurred_at, recorded_at, schema_version, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHash = db.prepare('INSERT INTO event_hashes (position, hash) VALUES (?, ?)');

  /** The stored twin of an id, or a conflict when its content differs. */
  const duplicateOf = (event: ParleyEvent, body: string): StoredEvent => {
    const existing = byId.get(event.id) as EventRow;
    if (existing.body !== body) throw new IdempotencyConflictError(event.id, BigInt(existing.position));
    return rowToEvent(existing);
  };

  /**
   * The common case — the expected revision holds — without a lookup per event: each event is
   * inserted at the next position with its link of the hash chain; a stored id is refused by the
   * schema's trigger, and only then is the stored one fetched and compared (and, a retry being
   * likely whole, every later id of the append is looked up first). Transaction time never runs
   * backwards, even across processes with skewed clocks: "known at" always cuts the log at a
   * position. Any conflict throws, and the transaction (or savepoint) takes back this append.
   */
  const appendExpected = (stream: string, events: readonly ParleyEvent[], current: bigint): AppendResult => {
    const stored: StoredEvent[] = [];
    const inBatch = new Map<string, string>();
    const last = tail.get();
    const now = clock.now().toISOString();
    const recordedAt = last !== undefined && last.recorded_at > now ? last.recorded_at : now;
    let position = last?.position ?? 0;
    let previousHash = last?.hash ?? GENESIS;
    let lookFirst = false;
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
      if (lookFirst && byId.get(event.id)) {
        stored.push(duplicateOf(event, body));
        continue;
      }
      const row: ChainedRow = {
        position: position + 1, id: event.id, stream, stream_revision: Number(next + 1n), type: event.type, negotiation: event.negotiation,
        issue: event.issue ?? null, party: event.party ?? null, occurred_at: event.occurredAt, recorded_at: recordedAt,
        schema_version: schemaVersionOf(event.type), body,
      };
      try {
        insert.run(row.position, row.id, row.stream, row.stream_revision, row.type, row.negotiation, row.issue, row.party, row.occurred_at, row.recorded_at, row.schema_version, row.body);
      } catch (error) {
        // By message, not class: the native module's errors may come from another realm (jest's vm).
        if ((error as { message?: unknown } | null)?.message !== ID_STORED) throw error;
        lookFirst = true;
        stored.push(duplicateOf(event, body));
        continue;
      }
      previousHash = chainHash(previousHash, row);
      insertHash.run(row.position, previousHash);
      position = row.position;
      next += 1n;
      appended++;
      stored.push({ ...event, position: BigInt(position), streamRevision: next, recordedAt });
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
        return { ok: false, error: storageProblemOf(error) ?? error };
      }
    }),
  );

  const queue: Queued[] = [];
  let scheduled = false;
  /** Why the last commit failed for storage reasons (cleared by the next commit that succeeds). */
  let writeProblem: StoreNotWritableError | undefined;

  const flush = (): void => {
    scheduled = false;
    while (queue.length > 0) {
      const queued = queue.splice(0, MAX_GROUP);
      let outcomes: Outcome[];
      try {
        outcomes = queued.length === 1 ? [{ ok: true, results: appendStreams.immediate(queued[0].appends) }] : group.immediate(queued);
      } catch (error) {
        const storage = storageProblemOf(error);
        writeProblem = storage;
        queued.forEach((q) => q.reject(storage ?? error));
        continue;
      }
      writeProblem = undefined;
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
    writeProblem: (): StoreNotWritableError | undefined => writeProblem,
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
