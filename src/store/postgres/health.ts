import type { Pool } from 'pg';
import { CommitListener } from './listener';
import { qualified } from './schema';

export type PostgresHealth = {
  connected: boolean;
  /** The server takes writes: not a hot standby (a replica left behind by a failover), not read-only. */
  writable?: boolean;
  /** LISTEN is in effect on the dedicated connection (live delivery by wake-up, not only by the timed poll). */
  listening: boolean;
  listenerReconnects: number;
  /** Last position stored in the database (every server's appends). */
  databaseHeadPosition?: bigint;
  /** How far this server's live tail is behind the database (events not yet delivered to its subscribers). */
  lag?: bigint;
  roundTripMs?: number;
  serverVersion?: string;
  pool?: { total: number; idle: number; waiting: number };
  error?: string;
};

/** One cheap query (2 s timeout) says whether the database answers, and how far behind this server's live tail is. */
export const postgresHealth =
  (pool: Pool, schema: string, listener: CommitListener, tailPosition: () => bigint | undefined) => async (): Promise<PostgresHealth> => {
    const { listening, reconnects, lastError } = listener.state();
    const base = { listening, listenerReconnects: reconnects, pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } };
    const started = performance.now();
    try {
      const { rows } = await withTimeout(
        pool.query<{ head: bigint; version: string; writable: boolean }>(
          `SELECT coalesce((SELECT max(position) FROM ${qualified(schema, 'events')}), 0) AS head, current_setting('server_version') AS version,
                  NOT pg_is_in_recovery() AND current_setting('default_transaction_read_only') = 'off' AS writable`,
        ),
        2_000,
      );
      const head = rows[0].head;
      const tail = tailPosition();
      return {
        connected: true,
        writable: rows[0].writable,
        ...base,
        databaseHeadPosition: head,
        ...(tail !== undefined ? { lag: head > tail ? head - tail : 0n } : {}),
        roundTripMs: +(performance.now() - started).toFixed(2),
        serverVersion: rows[0].version,
        ...(lastError ? { error: `listener: ${lastError}` } : {}),
      };
    } catch (error) {
      return { connected: false, ...base, error: error instanceof Error ? error.message : String(error) };
    }
  };

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from PostgreSQL within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};
