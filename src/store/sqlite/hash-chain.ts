import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';

/** Every column of a stored event, as the chain covers it (the body and the columns reads filter on). */
export interface ChainedRow {
  position: number;
  id: string;
  stream: string;
  stream_revision: number;
  type: string;
  negotiation: string;
  issue: string | null;
  party: string | null;
  occurred_at: string;
  recorded_at: string;
  schema_version: number;
  body: string;
}

export const CHAINED_COLUMNS = 'position, id, stream, stream_revision, type, negotiation, issue, party, occurred_at, recorded_at, schema_version, body';

/** The hash before the first event. */
export const GENESIS = '0'.repeat(64);

/**
 * Tamper evidence: each event's hash is SHA-256 over the previous event's hash and every column of
 * this one (each length-prefixed, so no two rows encode alike). Rewriting any stored row, or removing or
 * inserting one, breaks the chain from that position on; `parley verify` names the first break.
 */
export const chainHash = (previous: string, row: ChainedRow): string => {
  let text = previous;
  for (const value of [row.position, row.id, row.stream, row.stream_revision, row.type, row.negotiation, row.issue, row.party, row.occurred_at, row.recorded_at, row.schema_version, row.body]) {
    const field = value === null ? '\u0000null' : String(value);
    text += `${field.length}:${field}`;
  }
  return createHash('sha256').update(text).digest('hex');
};

/**
 * Chains events stored before the chain existed (a database from an older Parley), oldest first,
 * continuing from the last chained one. Runs inside the caller's transaction.
 */
export const chainUnchainedEvents = (db: Database): number => {
  const last = db.prepare<[], { position: number; hash: string }>('SELECT position, hash FROM event_hashes ORDER BY position DESC LIMIT 1').get();
  // Pages, not one iterator: the connection cannot insert while a statement is being stepped.
  const page = db.prepare<[number], ChainedRow>(`SELECT ${CHAINED_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT 1000`);
  const insert = db.prepare('INSERT INTO event_hashes (position, hash) VALUES (?, ?)');
  let previous = last?.hash ?? GENESIS;
  let after = last?.position ?? 0;
  let chained = 0;
  for (let rows = page.all(after); rows.length > 0; rows = page.all(after)) {
    for (const row of rows) {
      previous = chainHash(previous, row);
      insert.run(row.position, previous);
      after = row.position;
      chained++;
    }
  }
  return chained;
};

export type ChainVerdict =
  | { ok: true; events: number; headPosition: number; headHash: string }
  | { ok: false; events: number; position: number; id: string | null; problem: string };

/** Recomputes the chain from the first event; stops at the first position where it breaks. */
export const verifyChain = (db: Database, onProgress: (checked: number) => void = () => undefined): ChainVerdict => {
  const rows = db.prepare<[], ChainedRow & { hash: string | null; chained_position: number | null }>(
    `SELECT ${CHAINED_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')}, h.hash, h.position AS chained_position
       FROM events e LEFT JOIN event_hashes h ON h.position = e.position ORDER BY e.position`,
  );
  const orphans = db.prepare<[], { position: number }>(
    'SELECT h.position FROM event_hashes h LEFT JOIN events e ON e.position = h.position WHERE e.position IS NULL ORDER BY h.position LIMIT 1',
  );
  const revisions = new Map<string, number>();
  let previous = GENESIS;
  let events = 0;
  let headPosition = 0;
  const missing = orphans.get()?.position;
  for (const row of rows.iterate()) {
    if (missing !== undefined && missing < row.position) {
      return { ok: false, events, position: missing, id: null, problem: 'the event recorded at this position is gone (its hash is still in the chain)' };
    }
    const expectedRevision = (revisions.get(row.stream) ?? -1) + 1;
    if (row.stream_revision !== expectedRevision) {
      return { ok: false, events, position: row.position, id: row.id, problem: `stream ${row.stream} jumps to revision ${row.stream_revision}; expected ${expectedRevision}` };
    }
    revisions.set(row.stream, expectedRevision);
    if (row.hash === null) return { ok: false, events, position: row.position, id: row.id, problem: 'the event has no hash: it was inserted behind the store\'s back' };
    const hash = chainHash(previous, row);
    if (hash !== row.hash) {
      return { ok: false, events, position: row.position, id: row.id, problem: 'the event does not match its hash: it was rewritten (or inserted) after it was recorded' };
    }
    previous = hash;
    headPosition = row.position;
    if (++events % 10_000 === 0) onProgress(events);
  }
  if (missing !== undefined) {
    return { ok: false, events, position: missing, id: null, problem: 'the event recorded at this position is gone (its hash is still in the chain)' };
  }
  return { ok: true, events, headPosition, headHash: previous };
};
