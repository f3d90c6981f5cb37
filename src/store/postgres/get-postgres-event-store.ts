import { interval, merge } from 'rxjs';
import { ParleyEvent, StoredEvent } from '../../../events';
import { Clock, systemClock } from '../../clock/clock';
import { catchUpSubscription } from '../catch-up-subscription';
import { AppendOptions, AppendResult, EventStore, ReadAllOptions, StoreSummaryEntry } from '../event-store.port';
import { createLiveTail } from '../live-tail';
import { postgresAppend, RecordedAtSource } from './append';
import { postgresCheckpoints } from './checkpoints';
import { openPool, parsePostgresLocation } from './connection';
import { PostgresHealth, postgresHealth } from './health';
import { createCommitListener } from './listener';
import { postgresReadAll } from './read-all';
import { postgresReadStream } from './read-stream';
import { EVENT_COLUMNS, readPage } from './rows';
import { installSchema, qualified } from './schema';

export interface PostgresEventStoreOptions {
  /** postgres://user:password@host:5432/database?schema=parley&poolSize=10 (postgresql:// too). */
  connectionString: string;
  /**
   * Where recordedAt comes from. Omitted or the system clock: the database server's clock, one
   * clock for every Parley server. Any other clock (tests, `parley copy`) is used instead. Either
   * way it is clamped under the append lock so that it never runs backwards along positions.
   */
  clock?: Clock;
  /** The timed re-read that covers lost notifications (ms; default 1000). */
  pollMs?: number;
}

/** The PostgreSQL adapter: the port, plus the multi-stream append in one transaction and its health. */
export interface PostgresEventStore extends EventStore {
  readonly schema: string;
  health(): Promise<PostgresHealth>;
}

/**
 * Parley's event store on PostgreSQL over node-postgres: a pool for appends and reads, a dedicated
 * connection for LISTEN, and the schema (schema.ts) installed on first open. Any number of Parley
 * servers may share one database: the database orders, deduplicates and guards every append.
 */
export const getPostgresEventStore = async (options: PostgresEventStoreOptions): Promise<PostgresEventStore> => {
  const location = parsePostgresLocation(options.connectionString);
  const { schema } = location;
  const pool = openPool(location);
  try {
    await installSchema(pool, schema);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`PostgreSQL store at ${location.display} (schema ${schema}): ${(error as Error).message}`, { cause: error });
  }
  const clock = options.clock ?? systemClock;
  const recordedAt: RecordedAtSource = clock === systemClock ? 'database' : () => clock.now();
  const appendToStreams = postgresAppend(pool, schema, recordedAt);
  const readAll = postgresReadAll(pool, schema);
  const listener = createCommitListener(location);
  const events = qualified(schema, 'events');

  const headPosition = async (): Promise<bigint> =>
    (await pool.query<{ head: bigint }>(`SELECT coalesce(max(position), 0) AS head FROM ${events}`)).rows[0].head;

  // The tail listens before it reads the head, so that any commit after the head read wakes it up.
  let tailPosition: bigint | undefined;
  const tail = createLiveTail({
    headPosition: async () => {
      await listener.listening();
      return (tailPosition = await headPosition());
    },
    readAll: (readOptions: ReadAllOptions) => tracked(readAll(readOptions), (event) => (tailPosition = event.position)),
    externalChanges$: merge(listener.wakeUps$, interval(options.pollMs ?? 1_000)),
  });

  const append = async (stream: string, batch: readonly ParleyEvent[], appendOptions: AppendOptions = {}): Promise<AppendResult> => {
    const [result] = await appendToStreams([{ stream, events: batch, expectedRevision: appendOptions.expectedRevision }]);
    tail.poke();
    return result;
  };

  return {
    kind: `postgres (${location.display}, schema ${schema})`,
    schema,
    append,
    multiStreamAppend: 'atomic',
    appendToStreams: async (appends) => {
      const results = await appendToStreams(appends);
      tail.poke();
      return results;
    },
    readStream: postgresReadStream(pool, schema),
    readAll,
    subscribe: (subscribeOptions) => catchUpSubscription({ readAll, headPosition, tail }, subscribeOptions),
    getEvent: async (id: string) => (await readPage(pool, `SELECT ${EVENT_COLUMNS} FROM ${events} WHERE id = $1`, [id]))[0],
    summary: async () =>
      (
        await pool.query<StoreSummaryEntry>(
          `SELECT negotiation, issue, count(*)::integer AS events FROM ${events} GROUP BY negotiation, issue ORDER BY negotiation, issue`,
        )
      ).rows,
    headPosition,
    ...postgresCheckpoints(pool, schema),
    health: postgresHealth(pool, schema, listener, () => tailPosition),
    close: async () => {
      tail.close();
      await listener.close();
      await pool.end();
    },
  };
};

/** The same events, noting each one's position as it goes by (the live tail's progress, for health). */
async function* tracked(source: AsyncIterable<StoredEvent>, seen: (event: StoredEvent) => void): AsyncGenerator<StoredEvent> {
  for await (const event of source) {
    seen(event);
    yield event;
  }
}
