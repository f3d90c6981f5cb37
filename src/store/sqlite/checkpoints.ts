import type { Database } from 'better-sqlite3';
import { Clock } from '../../clock/clock';

/**
 * Checkpoints are the one mutable thing in the store: a consumer's bookmark, never an event. A file
 * store writes them through its writer thread (`writeThrough`), which holds the write lock.
 */
export const sqliteCheckpoints = (db: Database, clock: Clock, writeThrough?: (name: string, position: bigint, at: string) => Promise<void>) => {
  const read = db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?');
  const write = db.prepare(
    `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
  );
  const count = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM checkpoints');
  return {
    countCheckpoints: async (): Promise<number> => count.get()?.count ?? 0,
    readCheckpoint: async (name: string): Promise<bigint | undefined> => {
      const row = read.get(name);
      return row === undefined ? undefined : BigInt(row.position);
    },
    storeCheckpoint: async (name: string, position: bigint): Promise<void> => {
      if (writeThrough) return writeThrough(name, position, clock.now().toISOString());
      write.run(name, position, clock.now().toISOString());
    },
  };
};
