import type { Pool } from 'pg';
import { StoredEvent } from '../../../events';
import { ReadAllOptions } from '../event-store.port';
import { EVENT_COLUMNS, paged, readPage } from './rows';
import { qualified } from './schema';

/** The global log in position order (or reverse), each filter field an indexed predicate. */
export const postgresReadAll = (pool: Pool, schema: string) =>
  function readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const filter = options.filter ?? {};
    const backwards = options.direction === 'backwards';
    const where: string[] = [];
    const values: unknown[] = [];
    const bind = (value: unknown): string => `$${values.push(value)}`;
    if (filter.negotiation !== undefined) where.push(`negotiation = ${bind(filter.negotiation)}`);
    if (filter.issue !== undefined) where.push(`issue = ${bind(filter.issue)}`);
    if (filter.party !== undefined) where.push(`party = ${bind(filter.party)}`);
    if (filter.types?.length) where.push(`type = ANY(${bind(filter.types)}::text[])`);
    const cursorParam = values.length + 1;
    const limitParam = values.length + 2;
    where.push(`($${cursorParam}::bigint IS NULL OR position ${backwards ? '<' : '>'} $${cursorParam}::bigint)`);
    const text = `SELECT ${EVENT_COLUMNS} FROM ${qualified(schema, 'events')} WHERE ${where.join(' AND ')}
      ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT $${limitParam}`;
    const start = options.fromPosition;
    return paged(
      (cursor, size) => readPage(pool, text, [...values, (cursor ?? start)?.toString() ?? null, size]),
      (event) => event.position,
      options.limit,
    );
  };
