import type { Database } from 'better-sqlite3';
import { StoredEvent } from '../../../events';
import { ReadStreamOptions } from '../event-store.port';
import { EVENT_COLUMNS, EventRow, rowToEvent } from './rows';

const PAGE = 1_000;

export const sqliteReadStream = (db: Database) => {
  const forwards = db.prepare(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND stream_revision >= ? ORDER BY stream_revision ASC LIMIT ?`,
  );
  const backwards = db.prepare(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`,
  );

  return async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    const isBackwards = options.direction === 'backwards';
    const statement = isBackwards ? backwards : forwards;
    let from = options.fromRevision ?? (isBackwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = statement.all(stream, from, Math.min(PAGE, remaining)) as EventRow[];
      for (const row of rows) yield rowToEvent(row);
      if (rows.length < PAGE) return;
      remaining -= rows.length;
      const last = BigInt(rows[rows.length - 1].stream_revision);
      from = isBackwards ? last - 1n : last + 1n;
    }
  };
};
