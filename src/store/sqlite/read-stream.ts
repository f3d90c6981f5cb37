import type { Database } from 'better-sqlite3';
import { StoredEvent } from '../../../events';
import { ReadStreamOptions } from '../event-store.port';
import { pagedIterable } from './read-all';
import { EVENT_COLUMNS, EventTuple, tupleToEvent } from './rows';

const PAGE = 1_000;

export const sqliteReadStream = (db: Database) => {
  const forwards = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND stream_revision >= ? ORDER BY stream_revision ASC LIMIT ?`)
    .raw(true);
  const backwards = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`)
    .raw(true);

  return function readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const isBackwards = options.direction === 'backwards';
    const statement = isBackwards ? backwards : forwards;
    const start = options.fromRevision ?? (isBackwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    return pagedIterable<EventTuple, StoredEvent>(
      (last, remaining) =>
        statement.all(stream, last === undefined ? start : isBackwards ? last - 1 : last + 1, Math.min(PAGE, remaining)) as EventTuple[],
      (row) => row[1],
      tupleToEvent,
      PAGE,
      options.limit ?? Number.POSITIVE_INFINITY,
    );
  };
};
