import type { Database } from 'better-sqlite3';
import { chainUnchainedEvents } from './hash-chain';

/**
 * Append-only by construction: triggers refuse UPDATE and DELETE on events, and an INSERT over a
 * stored position or id (so `INSERT OR REPLACE`, whose implicit delete fires no DELETE trigger, cannot
 * rewrite a row either). `position` is the rowid: strictly increasing, in commit order. What a
 * trigger cannot stop (a tool that drops it first) the hash chain in event_hashes makes evident:
 * each event's hash covers the previous one (hash-chain.ts), and `parley verify` checks it.
 */
/** The message of the trigger that refuses a second event with a stored id (the append path looks for it). */
export const ID_STORED = 'events are immutable: an event with this id is stored';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position        INTEGER PRIMARY KEY,
  id              TEXT    NOT NULL UNIQUE,
  stream          TEXT    NOT NULL,
  stream_revision INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  negotiation     TEXT    NOT NULL,
  issue           TEXT,
  party           TEXT,
  occurred_at     TEXT    NOT NULL,
  recorded_at     TEXT    NOT NULL,
  schema_version  INTEGER NOT NULL,
  body            TEXT    NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream, stream_revision);
CREATE INDEX IF NOT EXISTS events_by_negotiation_issue ON events (negotiation, issue);
CREATE INDEX IF NOT EXISTS events_by_negotiation_type ON events (negotiation, type);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type);
CREATE INDEX IF NOT EXISTS events_by_party ON events (party);
CREATE TRIGGER IF NOT EXISTS events_are_never_updated BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE refused'); END;
CREATE TRIGGER IF NOT EXISTS events_are_never_replaced BEFORE INSERT ON events
  WHEN EXISTS (SELECT 1 FROM events WHERE position = NEW.position)
  BEGIN SELECT RAISE(ABORT, 'events are immutable: INSERT over a stored position refused'); END;
CREATE TRIGGER IF NOT EXISTS event_ids_are_never_reused BEFORE INSERT ON events
  WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, '${ID_STORED}'); END;
CREATE TABLE IF NOT EXISTS event_hashes (
  position INTEGER PRIMARY KEY,
  hash     TEXT    NOT NULL
);
CREATE TRIGGER IF NOT EXISTS event_hashes_are_never_updated BEFORE UPDATE ON event_hashes
  BEGIN SELECT RAISE(ABORT, 'the hash chain is immutable: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS event_hashes_are_never_deleted BEFORE DELETE ON event_hashes
  BEGIN SELECT RAISE(ABORT, 'the hash chain is immutable: DELETE refused'); END;
CREATE TABLE IF NOT EXISTS checkpoints (
  name       TEXT    PRIMARY KEY,
  position   INTEGER NOT NULL,
  updated_at TEXT    NOT NULL
);
`;

export interface SQLiteTuning {
  /** FULL (default): an acknowledged append survives power loss. NORMAL trades that for speed. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Page cache in KiB. */
  cacheSizeKiB?: number;
  /** How long a writer waits for another process's transaction before giving up. */
  busyTimeoutMs?: number;
  /** Caps the file at this many pages (SQLite's max_page_count): a quota; past it writes fail as on a full disk. */
  maxPageCount?: number;
}

/** Per-connection settings (journal_mode is the file's own, set once by openSchema). */
export const tuneConnection = (db: Database, tuning: SQLiteTuning): void => {
  db.pragma(`busy_timeout = ${tuning.busyTimeoutMs ?? 30_000}`);
  db.pragma(`synchronous = ${tuning.synchronous ?? 'FULL'}`);
  db.pragma(`cache_size = -${tuning.cacheSizeKiB ?? 65_536}`);
  db.pragma('temp_store = MEMORY');
  if (tuning.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(tuning.maxPageCount)}`);
  // REPLACE's implicit delete then fires the DELETE trigger too (on this connection; other tools meet the INSERT triggers).
  db.pragma('recursive_triggers = ON');
};

export const openSchema = (db: Database, tuning: SQLiteTuning): void => {
  db.pragma(`busy_timeout = ${tuning.busyTimeoutMs ?? 30_000}`);
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  tuneConnection(db, tuning);
  db.transaction(() => {
    db.exec(SCHEMA);
    // A database from before the hash chain: its events are chained once, oldest first.
    chainUnchainedEvents(db);
  }).immediate();
};
