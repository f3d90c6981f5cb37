import type { Pool } from 'pg';
import { StoredEvent } from '../../../events';
import { ReadStreamOptions } from '../event-store.port';
import { EVENT_COLUMNS, paged, readPage } from './rows';
import { qualified } from './schema';

/** One negotiation's stream by revision, on the (stream, stream_revision) unique index. */
export const postgresReadStream = (pool: Pool, schema: string) => {
  const table = qualified(schema, 'events');
  const forwards = `SELECT ${EVENT_COLUMNS} FROM ${table} WHERE stream = $1 AND stream_revision >= $2 ORDER BY stream_revision ASC LIMIT $3`;
  const backwards = `SELECT ${EVENT_COLUMNS} FROM ${table} WHERE stream = $1 AND stream_revision <= $2 ORDER BY stream_revision DESC LIMIT $3`;

  return function readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const isBackwards = options.direction === 'backwards';
    const start = options.fromRevision ?? (isBackwards ? 2n ** 63n - 1n : 0n);
    return paged(
      (last, size) =>
        readPage(pool, isBackwards ? backwards : forwards, [stream, (last === undefined ? start : isBackwards ? last - 1n : last + 1n).toString(), size]),
      (event) => event.streamRevision,
      options.limit,
    );
  };
};
