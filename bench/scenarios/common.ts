import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from '../../src/store/event-store.port';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';
import { now } from '../harness';

/** Removes a SQLite file and its WAL and shared-memory files. */
export const removeDb = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};

export const dbPath = (dir: string, name: string): string => join(dir, `${name}.db`);

/** Parley's store as the application opens it: defaults (WAL, synchronous=FULL). */
/** Parley's SQLite store as `parley serve` opens it (commits on its writer thread), or with the writer inline. */
export const openParley = (path: string, writer: 'thread' | 'inline' = 'thread'): EventStore => getSQLiteEventStore({ path, writer });

/** Times fn; returns events per second. */
export const ratePerSecond = async (count: number, fn: () => Promise<void> | void): Promise<number> => {
  const start = now();
  await fn();
  return count / ((now() - start) / 1000);
};
