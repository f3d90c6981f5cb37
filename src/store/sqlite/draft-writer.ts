import type { Database, Statement } from 'better-sqlite3';
import { IdempotencyConflictError } from '../errors';
import type { ExpectedRevision } from '../event-store.port';
import { revisionConflict, revisionHolds } from '../expected-revision';
import { ChainedRow, chainHash, GENESIS } from './hash-chain';
import type { EventRow } from './rows';
import { ID_STORED } from './schema';
import { storageProblemOf } from './storage-errors';

/**
 * An event as the writer stores it: its columns and canonical body, worked out before the writer
 * sees it. Plain strings and numbers, so a draft crosses to the writer thread as cheaply as it can.
 */
export interface EventDraft {
  id: string;
  type: string;
  negotiation: string;
  issue: string | null;
  party: string | null;
  occurredAt: string;
  schemaVersion: number;
  body: string;
}

export interface DraftAppend {
  stream: string;
  drafts: readonly EventDraft[];
  expectedRevision: ExpectedRevision;
}

/**
 * What one stream's append stored, entry by entry in batch order (a repeated id of the batch is one
 * entry): the draft it came from, its position and stream revision; an id stored before (a retry)
 * carries its stored row in `twins` instead of new numbers.
 */
export interface StoredDrafts {
  nextExpectedRevision: bigint;
  appended: number;
  recordedAt: string;
  sources: Int32Array;
  positions: Float64Array;
  revisions: Float64Array;
  twins: [entry: number, row: EventRow][];
}

/** One caller's append — one stream or several, all or nothing — and the time it was asked at. */
export interface QueuedDrafts {
  appends: readonly DraftAppend[];
  at: string;
}

export type DraftOutcome = { ok: true; results: StoredDrafts[] } | { ok: false; error: unknown };

const entries = (n: number) => ({ sources: new Int32Array(n), positions: new Float64Array(n), revisions: new Float64Array(n) });

/**
 * The SQL side of an append, on drafts: one IMMEDIATE transaction per group of callers, one
 * savepoint per caller. Runs wherever the write connection lives — the writer thread of a file
 * store, or the event loop of an in-memory one.
 */
export const sqliteDraftWriter = (db: Database) => {
  const byId: Statement<[string], EventRow> = db.prepare('SELECT position, stream_revision, recorded_at, schema_version, body FROM events WHERE id = ?');
  const revision = db.prepare<[string], { revision: number | null }>('SELECT max(stream_revision) AS revision FROM events WHERE stream = ?');
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
  const twinOf = (draft: EventDraft): EventRow => {
    const existing = byId.get(draft.id) as EventRow;
    if (existing.body !== draft.body) throw new IdempotencyConflictError(draft.id, BigInt(existing.position));
    return existing;
  };

  /**
   * The common case — the expected revision holds — without a lookup per event: each event is
   * inserted at the next position with its link of the hash chain; a stored id is refused by the
   * schema's trigger, and only then is the stored one fetched and compared (and, a retry being
   * likely whole, every later id of the append is looked up first). Transaction time never runs
   * backwards, even across processes with skewed clocks: "known at" always cuts the log at a
   * position. Any conflict throws, and the transaction (or savepoint) takes back this append.
   */
  const appendExpected = ({ stream, drafts }: DraftAppend, current: bigint, at: string): StoredDrafts => {
    const stored = entries(drafts.length);
    const twins: [number, EventRow][] = [];
    const inBatch = new Map<string, string>();
    const last = tail.get();
    const recordedAt = last !== undefined && last.recorded_at > at ? last.recorded_at : at;
    let position = last?.position ?? 0;
    let previousHash = last?.hash ?? GENESIS;
    let lookFirst = false;
    let next = current;
    let appended = 0;
    let count = 0;
    for (let source = 0; source < drafts.length; source++) {
      const draft = drafts[source];
      const seen = inBatch.get(draft.id);
      if (seen !== undefined) {
        if (seen !== draft.body) throw new IdempotencyConflictError(draft.id);
        continue;
      }
      inBatch.set(draft.id, draft.body);
      stored.sources[count] = source;
      if (lookFirst && byId.get(draft.id)) {
        twins.push([count++, twinOf(draft)]);
        continue;
      }
      const row: ChainedRow = {
        position: position + 1, id: draft.id, stream, stream_revision: Number(next + 1n), type: draft.type, negotiation: draft.negotiation,
        issue: draft.issue, party: draft.party, occurred_at: draft.occurredAt, recorded_at: recordedAt, schema_version: draft.schemaVersion, body: draft.body,
      };
      try {
        insert.run(row.position, row.id, row.stream, row.stream_revision, row.type, row.negotiation, row.issue, row.party, row.occurred_at, row.recorded_at, row.schema_version, row.body);
      } catch (error) {
        // By message, not class: the native module's errors may come from another realm (jest's vm).
        if ((error as { message?: unknown } | null)?.message !== ID_STORED) throw error;
        lookFirst = true;
        twins.push([count++, twinOf(draft)]);
        continue;
      }
      previousHash = chainHash(previousHash, row);
      insertHash.run(row.position, previousHash);
      position = row.position;
      next += 1n;
      appended++;
      stored.positions[count] = position;
      stored.revisions[count++] = Number(next);
    }
    return { nextExpectedRevision: next, appended, recordedAt, ...trimmed(stored, count), twins };
  };

  /** Every event already stored with the same content (a retried batch)? Other content is a conflict. */
  const storedAlready = (drafts: readonly EventDraft[], actual: bigint): StoredDrafts | undefined => {
    const stored = entries(drafts.length);
    const twins: [number, EventRow][] = [];
    const seen = new Set<string>();
    for (let source = 0; source < drafts.length; source++) {
      const draft = drafts[source];
      const existing = byId.get(draft.id);
      if (!existing) return undefined;
      if (existing.body !== draft.body) throw new IdempotencyConflictError(draft.id, BigInt(existing.position));
      if (seen.has(draft.id)) continue;
      seen.add(draft.id);
      stored.sources[twins.length] = source;
      twins.push([twins.length, existing]);
    }
    return { nextExpectedRevision: actual, appended: 0, recordedAt: '', ...trimmed(stored, twins.length), twins };
  };

  const appendStream = (append: DraftAppend, at: string): StoredDrafts => {
    const actual = BigInt(revision.get(append.stream)?.revision ?? -1);
    if (revisionHolds(append.expectedRevision, actual)) return appendExpected(append, actual, at);
    // A revision that does not hold is still no conflict when every event is already stored (a retry).
    const retried = storedAlready(append.drafts, actual);
    if (retried) return retried;
    throw revisionConflict(append.stream, append.expectedRevision, actual);
  };

  /** Several streams as one unit: a savepoint around them all, so one conflict takes back every stream. */
  const appendStreams = db.transaction(({ appends, at }: QueuedDrafts): StoredDrafts[] => appends.map((append) => appendStream(append, at)));

  /**
   * Group commit: every caller queued meanwhile shares one IMMEDIATE transaction and so one fsync.
   * Each caller's append runs in its own savepoint (a nested better-sqlite3 transaction): a conflict
   * rolls back that append alone, all its streams, and fails only its caller. Every caller is
   * answered only after the commit that holds its events has returned, so an acknowledged append is
   * durable, and an append is never partly committed.
   */
  const group = db.transaction((queued: readonly QueuedDrafts[]): DraftOutcome[] =>
    queued.map((one): DraftOutcome => {
      try {
        return { ok: true, results: appendStreams(one) };
      } catch (error) {
        // Only this append's savepoint was rolled back, unless SQLite itself ended the transaction
        // (I/O error, disk full…): then the whole group fails.
        if (!db.inTransaction) throw error;
        return { ok: false, error: storageProblemOf(error) ?? error };
      }
    }),
  );

  /** Commits a group; a failure of the commit itself (storage) fails every caller of the group. */
  return (queued: readonly QueuedDrafts[]): DraftOutcome[] => {
    try {
      return queued.length === 1 ? [{ ok: true, results: appendStreams.immediate(queued[0]) }] : group.immediate(queued);
    } catch (error) {
      const problem = storageProblemOf(error) ?? error;
      return queued.map(() => ({ ok: false, error: problem }));
    }
  };
};

/** Copies, not views: a view would carry its whole buffer across to the other thread. */
const trimmed = (stored: ReturnType<typeof entries>, count: number) => ({
  sources: stored.sources.slice(0, count),
  positions: stored.positions.slice(0, count),
  revisions: stored.revisions.slice(0, count),
});
