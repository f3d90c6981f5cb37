import { BACKWARDS, END, type EventStoreDBClient } from '@eventstore/db-client';
import { IdIndex } from './id-index';

export type KurrentDBHealth = {
  connected: boolean;
  /** The id index has caught up and follows the log live. */
  live: boolean;
  indexedEvents: number;
  /** Records in negotiation streams that are not Parley events (a hard delete's tombstone, `$metadata`, non-JSON), skipped. */
  skippedRecords: number;
  /** Last position of Parley's events this process knows of. */
  headPosition: bigint;
  /** Last commit position in $all on the server (any stream). */
  serverPosition?: bigint;
  /** How far (in bytes of log) the index is behind the server; approximate, filters checkpoint every few dozen events. */
  lagBytes?: bigint;
  error?: string;
};

/** One cheap read (the last record of $all, 2 s deadline) says whether the cluster answers and how far behind this process is. */
export const kurrentHealth = (client: Pick<EventStoreDBClient, 'readAll'>, index: IdIndex) => async (): Promise<KurrentDBHealth> => {
  const state = index.state();
  const base = { live: state.live, indexedEvents: state.events, skippedRecords: state.skippedRecords, headPosition: state.head };
  try {
    let serverPosition = 0n;
    for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: 2_000 })) {
      serverPosition = resolved.event?.position.commit ?? serverPosition;
    }
    const lagBytes = serverPosition > state.scanned ? serverPosition - state.scanned : 0n;
    return { connected: true, ...base, serverPosition, lagBytes, ...(state.lastError ? { error: state.lastError } : {}) };
  } catch (error) {
    return { connected: false, ...base, error: error instanceof Error ? error.message : String(error) };
  }
};
