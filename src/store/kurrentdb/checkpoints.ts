import { jsonEvent, type EventStoreDBClient } from '@eventstore/db-client';
import { Clock } from '../../clock/clock';
import { readKurrentStream } from './read-stream';
import { StreamNames } from './stream-names';

/** How many checkpoints KurrentDB keeps per name ($maxCount): older ones go at the next scavenge. */
const KEEP = 16;

/**
 * A named checkpoint is a stream of its own (`<namespace>parley-checkpoint-<name>`), outside the
 * negotiation prefix so it never shows up among events: storing appends, reading takes the last.
 */
export const kurrentCheckpoints = (client: Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'setStreamMetadata'>, names: StreamNames, clock: Clock) => ({
  readCheckpoint: async (name: string): Promise<bigint | undefined> => {
    for await (const resolved of readKurrentStream(client, names.checkpointStream(name), { direction: 'backwards', limit: 1 })) {
      const position = (resolved.event?.data as { position?: unknown } | undefined)?.position;
      if (typeof position === 'string' && /^\d+$/.test(position)) return BigInt(position);
    }
    return undefined;
  },
  storeCheckpoint: async (name: string, position: bigint): Promise<void> => {
    const stream = names.checkpointStream(name);
    const result = await client.appendToStream(
      stream,
      jsonEvent({ type: 'ParleyCheckpoint', data: { name, position: position.toString() }, metadata: { 'parley.storedAt': clock.now().toISOString() } }),
    );
    if (result.nextExpectedRevision === 0n) await client.setStreamMetadata(stream, { maxCount: KEEP });
  },
});
