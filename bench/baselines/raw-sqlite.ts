import Database from 'better-sqlite3';
import { countsFrom as countsFromDay, ParleyEvent, schemaVersionOf } from '../../events';
import { countCountedBy } from '../../projections';
import { openSchema } from '../../src/store/sqlite/schema';

/**
 * The physical floor of the embedded store: the same rows (same columns, indexes, WAL and
 * synchronous setting, via the adapter's own schema) inserted and read with prepared statements and
 * nothing else — no id or revision lookups, no canonical bodies, no promises.
 */
export interface RawOptions {
  /** Page cache in KiB; SQLite's own default (2 MiB) when omitted: the "plain" raw figure. */
  cacheSizeKiB?: number;
}

export const openRaw = (path: string, options: RawOptions = {}): Database.Database => {
  const db = new Database(path);
  openSchema(db, { synchronous: 'FULL' });
  db.pragma(`cache_size = -${options.cacheSizeKiB ?? 2_000}`);
  return db;
};

export const rawWriter = (db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO events (id, stream, stream_revision, type, negotiation, issue, party, occurred_at, recorded_at, schema_version, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const revisions = new Map<string, number>();
  const insertAll = db.transaction((stream: string, events: readonly ParleyEvent[]) => {
    const recordedAt = new Date().toISOString();
    let revision = revisions.get(stream) ?? -1;
    for (const event of events) {
      revision += 1;
      insert.run(
        event.id, stream, revision, event.type, event.negotiation, event.issue ?? null, event.party ?? null,
        event.occurredAt, recordedAt, schemaVersionOf(event.type), JSON.stringify(event),
      );
    }
    revisions.set(stream, revision);
  });
  /** One IMMEDIATE transaction (one commit, one fsync) for the events given. */
  return (stream: string, events: readonly ParleyEvent[]): void => insertAll.immediate(stream, events);
};

export interface RawRow {
  position: number;
  stream_revision: number;
  recorded_at: string;
  schema_version: number;
  body: string;
}

/**
 * Reads every event in global order: SELECT + JSON.parse, each event handed to `each`. The fastest
 * plain way we know: keyset pages of 1 000 rows as arrays (one native call per page, no object per
 * row) — faster than `iterate()`, which crosses into SQLite once per row.
 */
export const rawReadAll = (db: Database.Database, each: (event: ParleyEvent) => void): number => {
  const page = db
    .prepare<[number], [number, string]>('SELECT position, body FROM events WHERE position > ? ORDER BY position LIMIT 1000')
    .raw(true);
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = page.all(after);
    for (const row of rows) each(JSON.parse(row[1]) as ParleyEvent);
    count += rows.length;
    if (rows.length < 1000) return count;
    after = rows[rows.length - 1][0];
  }
};

/**
 * Raw push: after each commit, read the new rows once and call every listener synchronously — the
 * least a live feed can do.
 */
export const rawPusher = (db: Database.Database) => {
  const write = rawWriter(db);
  const after = db.prepare<[number], RawRow>(
    'SELECT position, stream_revision, recorded_at, schema_version, body FROM events WHERE position > ? ORDER BY position',
  );
  const listeners: ((event: ParleyEvent) => void)[] = [];
  let last = (db.prepare('SELECT coalesce(max(position), 0) AS p FROM events').get() as { p: number }).p;
  return {
    listen: (listener: (event: ParleyEvent) => void) => listeners.push(listener),
    append: (stream: string, events: readonly ParleyEvent[]) => {
      write(stream, events);
      for (const row of after.all(last)) {
        last = row.position;
        const event = JSON.parse(row.body) as ParleyEvent;
        for (const listener of listeners) listener(event);
      }
    },
  };
};

/**
 * Raw as-of read of one issue, the floor of scenario 4: better-sqlite3 and nothing else. Loading
 * (cold) reads the issue's rows through the (negotiation, issue) index, parses them, places them in
 * valid time (the day each counts from, then position) and keeps a snapshot of a trivial fold (the
 * latest value per party and metric) every `snapshotEvery` events. A query (warm) binary-searches
 * the day, copies the nearest snapshot and reads the rows after it with a prepared statement by
 * position, JSON.parse and the trivial fold — the shape of "a snapshot-per-100-revisions as-of read".
 */
export const rawIssueAsOf = (db: Database.Database, negotiation: string, issue: string, snapshotEvery = 100) => {
  type Snapshot = Map<string, number>;
  const apply = (state: Snapshot, event: ParleyEvent): void => {
    const terms = (event as { data?: { terms?: { metric: string; value?: number }[] } }).data?.terms;
    if (terms) for (const term of terms) if (term.value !== undefined) state.set(`${event.party}/${term.metric}`, term.value);
  };
  const rows = db
    .prepare<[string, string], [number, string]>('SELECT position, body FROM events WHERE negotiation = ? AND issue = ? ORDER BY position')
    .raw(true)
    .all(negotiation, issue);
  const placed = rows.map(([position, body]) => {
    const event = JSON.parse(body) as ParleyEvent;
    return { position, day: countsFromDay(event.occurredAt), event };
  });
  placed.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.position - b.position));
  const days = placed.map((p) => p.day);
  const positions = placed.map((p) => p.position);
  const snapshots: Snapshot[] = [new Map()];
  let running: Snapshot = new Map();
  placed.forEach((p, i) => {
    apply(running, p.event);
    if ((i + 1) % snapshotEvery === 0) snapshots.push((running = new Map(running)));
  });
  const byPosition = db.prepare<[number], string>('SELECT body FROM events WHERE position = ?').pluck(true);
  return {
    events: placed.length,
    /** The trivial fold as of `asOf`, and how many events counted. */
    stateAt(asOf: string): { counted: number; state: Snapshot } {
      const counted = countCountedBy(days, asOf, (day) => day);
      const slot = Math.floor(counted / snapshotEvery);
      const state = new Map(snapshots[slot]);
      for (let i = slot * snapshotEvery; i < counted; i++) apply(state, JSON.parse(byPosition.get(positions[i]) as string) as ParleyEvent);
      return { counted, state };
    },
  };
};
