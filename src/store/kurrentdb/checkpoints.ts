import { jsonEvent, WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import { Clock } from '../../clock/clock';
import { createLock } from './append';
import { readKurrentStream } from './read-stream';
import { StreamNames } from './stream-names';

/** How many checkpoints KurrentDB keeps per name ($maxCount): older ones go at the next scavenge. */
const KEEP = 16;
/** Writers of one name in other processes: retry this often before the last conflict is passed on. */
const ATTEMPTS = 10;

type CheckpointClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'setStreamMetadata'>;

const lastCheckpoint = async (client: CheckpointClient, stream: string): Promise<{ revision: bigint; position?: bigint } | undefined> => {
  for await (const resolved of readKurrentStream(client, stream, { direction: 'backwards', limit: 1 })) {
    if (!resolved.event) continue;
    const position = (resolved.event.data as { position?: unknown } | undefined)?.position;
    return { revision: resolved.event.revision, ...(typeof position === 'string' && /^\d+$/.test(position) ? { position: BigInt(position) } : {}) };
  }
  return undefined;
};

/**
 * A named checkpoint is a stream of its own (`<namespace>parley-checkpoint-<name>`), outside the
 * negotiation prefix so it never shows up among events: storing appends, reading takes the last.
 * Each store appends with the revision it read (as Emmett's checkpointer does), so two processes
 * storing one name never interleave unseen, and `$maxCount` is set before the stream's first event,
 * so a crash cannot leave a checkpoint stream that grows without bound.
 */
export const kurrentCheckpoints = (client: CheckpointClient, names: StreamNames, clock: Clock) => {
  const lock = createLock();

  const store = async (name: string, position: bigint): Promise<void> => {
    const stream = names.checkpointStream(name);
    for (let attempt = 1; ; attempt++) {
      const last = await lastCheckpoint(client, stream);
      if (!last) await client.setStreamMetadata(stream, { maxCount: KEEP });
      try {
        await client.appendToStream(
          stream,
          jsonEvent({ type: 'ParleyCheckpoint', data: { name, position: position.toString() }, metadata: { 'parley.storedAt': clock.now().toISOString() } }),
          { expectedRevision: last ? last.revision : 'no_stream', requiresLeader: true },
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= ATTEMPTS) throw error;
      }
    }
  };

  return {
    readCheckpoint: async (name: string): Promise<bigint | undefined> => (await lastCheckpoint(client, names.checkpointStream(name)))?.position,
    /** This process's stores go one at a time; another process's are met by the expected revision. */
    storeCheckpoint: (name: string, position: bigint): Promise<void> => lock(() => store(name, position)),
  };
};
