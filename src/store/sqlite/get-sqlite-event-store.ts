import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { interval } from 'rxjs';
import { filter, map } from 'rxjs/operators';
import { ParleyEvent } from '../../../events';
import { Clock, systemClock } from '../../clock/clock';
import { assertAppendsFitStreams, assertBatchFitsStream } from '../batch-invariants';
import { catchUpSubscription } from '../catch-up-subscription';
import { AppendOptions, EventStore, StoreSummaryEntry, StreamAppend } from '../event-store.port';
import { createLiveTail } from '../live-tail';
import { sqliteAppend } from './append';
import { sqliteCheckpoints } from './checkpoints';
import { inlineDraftWriter, threadDraftWriter } from './draft-writers';
import { sqliteReadAll } from './read-all';
import { sqliteReadStream } from './read-stream';
import { EVENT_COLUMNS, EventRow, rowToEvent } from './rows';
import { openSchema, SQLiteTuning } from './schema';
import { StoreNotWritableError } from './storage-errors';

export interface SQLiteEventStoreOptions extends SQLiteTuning {
  /** A file path, or ':memory:'. */
  path: string;
  clock?: Clock;
  /** How often to look for commits made by other processes while someone is subscribed. */
  crossProcessPollMs?: number;
  /**
   * Where a file store commits: on its writer thread (the default: the event loop never waits for
   * an fsync or a large transaction), or 'inline' on the event loop. An in-memory store is always inline.
   */
  writer?: 'thread' | 'inline';
}

const readOnlyProblem = (path: string): StoreNotWritableError | undefined => {
  if (path === ':memory:') return undefined;
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : new StoreNotWritableError('the database file is read-only', 'EACCES');
  }
};

export const getSQLiteEventStore = (options: SQLiteEventStoreOptions): EventStore => {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  openSchema(db, options);
  const clock = options.clock ?? systemClock;
  const readAll = sqliteReadAll(db);
  const head = db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events');
  const byId = db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`);
  const summary = db.prepare<[], StoreSummaryEntry>(
    'SELECT negotiation, issue, count(*) AS events FROM events GROUP BY negotiation, issue ORDER BY negotiation, issue',
  );
  const headPosition = async (): Promise<bigint> => BigInt(head.get()?.position ?? 0);

  // data_version changes when another connection commits; reading it is a cheap pragma, no table access.
  let dataVersion = db.pragma('data_version', { simple: true }) as number;
  const externalChanges$ = interval(options.crossProcessPollMs ?? 20).pipe(
    map(() => db.pragma('data_version', { simple: true }) as number),
    filter((version) => version !== dataVersion),
    map((version) => (dataVersion = version)),
  );
  const tail = createLiveTail({ readAll, headPosition, externalChanges$ });
  const writer = options.path === ':memory:' || options.writer === 'inline' ? inlineDraftWriter(db) : threadDraftWriter(options.path, {
    synchronous: options.synchronous, cacheSizeKiB: options.cacheSizeKiB, busyTimeoutMs: options.busyTimeoutMs, maxPageCount: options.maxPageCount,
  });
  // Each commit hands the tail its events, or (a large one) pokes it to read them.
  const appender = sqliteAppend(writer, clock, (events) => (events ? tail.committed(events) : tail.poke()));

  return {
    kind: options.path === ':memory:' ? 'sqlite (in memory)' : `sqlite (${options.path})`,
    append: async (stream: string, events: readonly ParleyEvent[], appendOptions?: AppendOptions) => {
      assertBatchFitsStream(stream, events);
      return appender.append(stream, events, appendOptions);
    },
    multiStreamAppend: 'atomic',
    appendToStreams: async (appends: readonly StreamAppend[]) => {
      await assertAppendsFitStreams(appends);
      return appender.appendToStreams(appends);
    },
    readStream: sqliteReadStream(db),
    readAll,
    subscribe: (subscribeOptions) => catchUpSubscription({ readAll, headPosition, tail }, subscribeOptions),
    getEvent: async (id: string) => {
      const row = byId.get(id);
      return row && rowToEvent(row);
    },
    headPosition,
    summary: async () => summary.all(),
    ...sqliteCheckpoints(db, clock, writer.storeCheckpoint),
    // Embedded: always reachable; writable unless the last commit failed for storage reasons or the file turned read-only.
    health: async () => {
      const problem = appender.writeProblem() ?? readOnlyProblem(options.path);
      return problem ? { connected: true, writable: false, problem: problem.message, code: problem.code, cause: problem.sqliteCode } : { connected: true, writable: true };
    },
    close: async () => {
      await appender.close();
      tail.close();
      db.close();
    },
  };
};
