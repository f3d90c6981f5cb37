import type { Database } from 'better-sqlite3';

/**
 * Append-only by construction: triggers refuse UPDATE and DELETE on events, so not even a bug or a
 * hand-written SQL statement can rewrite history. `position` is the rowid: strictly increasing, in commit order.
 */
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
}

export const openSchema = (db: Database, tuning: SQLiteTuning): void => {
  db.pragma(`busy_timeout = ${tuning.busyTimeoutMs ?? 30_000}`);
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${tuning.synchronous ?? 'FULL'}`);
  db.pragma(`cache_size = -${tuning.cacheSizeKiB ?? 65_536}`);
  db.pragma('temp_store = MEMORY');
  db.transaction(() => db.exec(SCHEMA)).immediate();
};
