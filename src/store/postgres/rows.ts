import type { Pool } from 'pg';
import { StoredEvent } from '../../../events';
import { EventTuple, tupleToEvent } from '../sqlite/rows';

/** The columns every read selects, in the order tupleToEvent expects; recordedAt exactly as the API shows it (ISO, ms, Z). */
export const EVENT_COLUMNS = `position, stream_revision, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), schema_version, body`;

export const PAGE = 1_000;

/** One page of events: rows as arrays (no object per row), int8 as BigInt. */
export const readPage = async (pool: Pool, text: string, values: unknown[]): Promise<StoredEvent[]> => {
  const { rows } = await pool.query<unknown[]>({ text, values, rowMode: 'array' });
  // The SQLite adapter's row decoder (parse, upcast, attach the store's fields); BigInt() of an int8 that is already a BigInt is itself.
  return rows.map((row) => tupleToEvent(row as unknown as EventTuple));
};

/**
 * Pages of a read, fetched one at a time (memory stays flat, and no statement or transaction stays
 * open between pages: the lock-ordered positions make `position > last` safe without one).
 */
export async function* paged(
  page: (cursor: bigint | undefined, size: number) => Promise<StoredEvent[]>,
  cursorOf: (event: StoredEvent) => bigint,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<StoredEvent> {
  let cursor: bigint | undefined;
  let remaining = limit;
  while (remaining > 0) {
    const size = Math.min(PAGE, remaining);
    const events = await page(cursor, size);
    for (const event of events) yield event;
    remaining -= events.length;
    if (events.length < size) return;
    cursor = cursorOf(events[events.length - 1]);
  }
}
