import type { Database, Statement } from 'better-sqlite3';
import { StoredEvent } from '../../../events';
import { loopSlices } from '../../core/loop-slices';
import { EventFilter, ReadAllOptions } from '../event-store.port';
import { EVENT_COLUMNS, EventTuple, tupleToEvent } from './rows';

const PAGE = 1_000;

/**
 * Reads the global log in pages, so memory stays flat however large the store is; each filter
 * field becomes an indexed predicate (negotiation+issue, negotiation+type, type, party).
 */
export const sqliteReadAll = (db: Database) => {
  const statements = new Map<string, Statement>();
  const statementFor = (filter: EventFilter, backwards: boolean): Statement => {
    const where = ['position ' + (backwards ? '<' : '>') + ' @from'];
    if (filter.negotiation !== undefined) where.push('negotiation = @negotiation');
    if (filter.issue !== undefined) where.push('issue = @issue');
    if (filter.party !== undefined) where.push('party = @party');
    if (filter.types?.length) where.push(`type IN (${filter.types.map((_, i) => `@type${i}`).join(', ')})`);
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT @limit`;
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql).raw(true)));
    return statement;
  };

  return function readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const filter = options.filter ?? {};
    const backwards = options.direction === 'backwards';
    const statement = statementFor(filter, backwards);
    const params: Record<string, unknown> = {
      negotiation: filter.negotiation,
      issue: filter.issue,
      party: filter.party,
      ...Object.fromEntries((filter.types ?? []).map((type, i) => [`type${i}`, type])),
    };
    for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key];
    const from = options.fromPosition ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    return pagedIterable<EventTuple, StoredEvent>(
      (after, remaining) => statement.all({ ...params, from: after ?? from, limit: Math.min(PAGE, remaining) }) as EventTuple[],
      (row) => row[0],
      tupleToEvent,
      PAGE,
      limit,
    );
  };
};

/**
 * An async iterable over pages of rows, read one page at a time (never the whole log in memory,
 * and no statement is left open between pages, so appends may interleave with a long read).
 * Hand-written rather than an async generator: a replay resolves one promise per event, and a
 * generator's resume machinery costs about as much again. Its promises resolve at once, so a
 * consumer's `for await` would never let the event loop turn: once the reader and its consumer have
 * held the loop for a slice (loopSlices), the next item waits for one turn — a read of 100 000 events
 * (the live tail after a large batch, a replay) never freezes the server.
 */
export const pagedIterable = <Row, Item>(
  page: (after: number | undefined, remaining: number) => Row[],
  cursorOf: (row: Row) => number,
  map: (row: Row) => Item,
  pageSize: number,
  limit: number,
): AsyncIterable<Item> => ({
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    let rows: Row[] = [];
    let index = 0;
    let after: number | undefined;
    let remaining = limit;
    let finished = remaining <= 0;
    const slice = loopSlices();
    let sinceCheck = 0;
    const end = (): Promise<IteratorResult<Item>> => {
      finished = true;
      rows = [];
      return Promise.resolve({ value: undefined, done: true });
    };
    const iterator: AsyncIterator<Item> = {
      next: (): Promise<IteratorResult<Item>> => {
        if (++sinceCheck === 64) {
          sinceCheck = 0;
          const turn = slice();
          if (turn) return turn.then(() => iterator.next());
        }
        if (index === rows.length) {
          if (finished) return end();
          try {
            rows = page(after, remaining);
          } catch (error) {
            finished = true;
            return Promise.reject(error);
          }
          index = 0;
          remaining -= rows.length;
          if (rows.length < Math.min(pageSize, remaining + rows.length) || remaining <= 0) finished = true;
          if (rows.length === 0) return end();
          after = cursorOf(rows[rows.length - 1]);
        }
        try {
          return Promise.resolve({ value: map(rows[index++]), done: false });
        } catch (error) {
          finished = true;
          rows = [];
          return Promise.reject(error);
        }
      },
      return: (): Promise<IteratorResult<Item>> => end(),
    };
    return iterator;
  },
});
