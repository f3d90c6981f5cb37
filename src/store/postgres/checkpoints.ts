import type { Pool } from 'pg';
import { qualified } from './schema';

/** Checkpoints are the one mutable thing in the store: a consumer's bookmark, never an event. */
export const postgresCheckpoints = (pool: Pool, schema: string) => {
  const table = qualified(schema, 'checkpoints');
  return {
    /** Bounds new names (PARLEY_MAX_CHECKPOINTS), as on SQLite. */
    countCheckpoints: async (): Promise<number> => {
      const { rows } = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
      return rows[0].count;
    },
    readCheckpoint: async (name: string): Promise<bigint | undefined> => {
      const { rows } = await pool.query<{ position: bigint }>(`SELECT position FROM ${table} WHERE name = $1`, [name]);
      return rows[0]?.position;
    },
    storeCheckpoint: async (name: string, position: bigint): Promise<void> => {
      await pool.query(
        `INSERT INTO ${table} (name, position, updated_at) VALUES ($1, $2, clock_timestamp())
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
        [name, position.toString()],
      );
    },
  };
};
