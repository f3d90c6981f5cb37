import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ParleyEvent } from '../../events';
import { packageRoot } from '../../src/package-root';

/**
 * The peer a TypeScript user would pick instead: Emmett's SQLite event store
 * (@event-driven-io/emmett-sqlite, on the `sqlite3` driver), used as its README shows, in its default
 * configuration (a connection pool that opens a connection per operation; WAL; SQLite's default
 * synchronous). It lives in its own package, bench/emmett/: its peer ranges (commander ^12, uuid
 * ^10, emmett 0.42.4 which the registry lacks) conflict with Parley's dependencies, so installing
 * it at the root would break `npm ci`. Typed here by hand so that Parley builds without it.
 */
export interface EmmettEvent {
  type: string;
  data: Record<string, unknown>;
  metadata?: { globalPosition?: bigint; streamName?: string };
}

export interface EmmettConnection {
  close(): void;
  query<T>(sql: string, values?: unknown[]): Promise<T[]>;
  querySingle<T>(sql: string, values?: unknown[]): Promise<T | null>;
}

export interface EmmettStore {
  appendToStream(stream: string, events: EmmettEvent[]): Promise<{ lastEventGlobalPosition: bigint }>;
  consumer(options?: { pulling?: { batchSize?: number; pullingFrequencyInMs?: number } }): EmmettConsumer;
  schema: { migrate(): Promise<void> };
}

export interface EmmettConsumer {
  processor(options: {
    processorId: string;
    startFrom?: 'BEGINNING' | 'END' | 'CURRENT';
    eachMessage: (message: EmmettEvent) => Promise<void> | void;
  }): unknown;
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface EmmettModule {
  version: string;
  getSQLiteEventStore(options: { fileName: string; connectionOptions?: { singleton: true; connection: EmmettConnection } }): EmmettStore;
  sqliteConnection(options: { fileName: string }): EmmettConnection;
  readMessagesBatch(
    connection: EmmettConnection,
    options: { after: bigint; batchSize: number },
  ): Promise<{ currentGlobalPosition: bigint; messages: EmmettEvent[]; areEventsLeft: boolean }>;
}

const emmettDir = (): string => join(packageRoot(__dirname), 'bench', 'emmett');

/**
 * Loads Emmett from bench/emmett, installing it there first (`npm ci`, ordinary client) when it is
 * missing; returns the reason instead when it cannot be had.
 */
export const loadEmmett = (options: { install: boolean; log: (message: string) => void }): EmmettModule | string => {
  const dir = emmettDir();
  if (!existsSync(join(dir, 'node_modules', '@event-driven-io', 'emmett-sqlite')) && options.install) {
    options.log('installing the Emmett baseline into bench/emmett (npm ci --prefix bench/emmett; builds sqlite3 once, ~2 min)…');
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 2, 2] });
    if (result.status !== 0) return `npm ci in bench/emmett failed (exit ${result.status})`;
  }
  try {
    const require = createRequire(join(dir, 'package.json'));
    const module = require('@event-driven-io/emmett-sqlite') as Omit<EmmettModule, 'version'>;
    const main = require.resolve('@event-driven-io/emmett-sqlite');
    const version = (JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string }).version;
    return { ...module, version };
  } catch (error) {
    return `Emmett could not be loaded from bench/emmett: ${(error as Error).message.split('\n')[0]}`;
  }
};

/** A Parley event as an Emmett event: the type, and everything else as data. */
export const toEmmett = (event: ParleyEvent): EmmettEvent => {
  const { type, ...data } = event as unknown as { type: string } & Record<string, unknown>;
  return { type, data };
};

export const fromEmmett = (message: EmmettEvent): ParleyEvent => ({ type: message.type, ...message.data }) as unknown as ParleyEvent;

/** Emmett's global read: batches of `readMessagesBatch` over one connection, in global order. */
export const emmettReadAll = async (
  emmett: EmmettModule,
  path: string,
  each: (event: ParleyEvent) => void,
  batchSize = 1_000,
): Promise<number> => {
  const connection = emmett.sqliteConnection({ fileName: path });
  let after = 0n;
  let count = 0;
  try {
    for (;;) {
      const { messages, currentGlobalPosition, areEventsLeft } = await emmett.readMessagesBatch(connection, { after, batchSize });
      for (const message of messages) each(fromEmmett(message));
      count += messages.length;
      after = currentGlobalPosition;
      if (!areEventsLeft) return count;
    }
  } finally {
    connection.close();
  }
};

/** The synchronous setting an Emmett connection actually runs with (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA). */
export const emmettSynchronous = async (emmett: EmmettModule, path: string): Promise<string> => {
  const connection = emmett.sqliteConnection({ fileName: path });
  try {
    const row = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
    return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][row?.synchronous ?? -1] ?? String(row?.synchronous);
  } finally {
    connection.close();
  }
};
