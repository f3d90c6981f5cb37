import type { Database, Statement } from 'better-sqlite3';
import { StoredEvent } from '../../../events';
import { EventFilter, ReadAllOptions } from '../event-store.port';
import { EVENT_COLUMNS, EventRow, rowToEvent } from './rows';

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
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

  return async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
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
    let from = options.fromPosition ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = statement.all({ ...params, from, limit: Math.min(PAGE, remaining) }) as EventRow[];
      for (const row of rows) yield rowToEvent(row);
      if (rows.length < PAGE) return;
      remaining -= rows.length;
      from = BigInt(rows[rows.length - 1].position);
    }
  };
};
