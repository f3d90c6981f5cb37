import { type EventStoreDBClient } from '@eventstore/db-client';
import { ParleyEvent, StoredEvent } from '../../../events';
import { assertBatchFitsStream } from '../batch-invariants';
import { canonicalBody } from '../event-body';
import { ConcurrencyConflictError, IdempotencyConflictError } from '../errors';
import { AppendOptions, AppendResult } from '../event-store.port';
import { contentDigest, decodeRecorded, toEventData } from './event-encoding';
import { IdIndex, IndexEntry } from './id-index';
import { readKurrentStream } from './read-stream';
import { StreamNames } from './stream-names';
import { actualRevision, translateAppendError } from './translate-error';

type AppendClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll'>;

/** Serialises this process's appends, so "is this id new?" and writing it cannot interleave. */
export const createLock = () => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
};

export interface AppendDeps {
  client: AppendClient;
  names: StreamNames;
  index: IdIndex;
  lock: ReturnType<typeof createLock>;
}

/** Events as they arrive plus, for a copy, the recordedAt each had in its original store. */
export interface AppendBatch {
  events: readonly ParleyEvent[];
  recordedAt?: ReadonlyMap<string, string>;
}

/**
 * The port's append over KurrentDB's. Idempotency as the port pins it is decided here, against the
 * id index, before anything is sent: a stored id with the same content is a duplicate (reported
 * with its stored position), with other content it refuses the whole batch. The new events go in
 * one append with the caller's expected revision, mapped one to one; KurrentDB's
 * WrongExpectedVersion becomes ConcurrencyConflictError. The new events are then read back for
 * their positions and `created`, and indexed before the lock is released.
 */
export const kurrentAppend = ({ client, names, index, lock }: AppendDeps) =>
  async (stream: string, batch: AppendBatch, options: AppendOptions = {}): Promise<AppendResult> => {
    assertBatchFitsStream(stream, batch.events);
    const streamId = names.toKurrent(stream);
    await index.ready();
    return lock(async () => {
      const slots: Slot[] = [];
      const fresh: { event: ParleyEvent; digest: string; slot: number }[] = [];
      const inBatch = new Map<string, string>();
      for (const event of batch.events) {
        const digest = contentDigest(canonicalBody(event));
        const seen = inBatch.get(event.id);
        if (seen !== undefined) {
          if (seen !== digest) throw new IdempotencyConflictError(event.id);
          continue;
        }
        inBatch.set(event.id, digest);
        const existing = index.get(event.id);
        if (existing) {
          if (existing.digest !== digest) throw new IdempotencyConflictError(event.id, existing.position);
          slots.push({ duplicateOf: existing });
        } else {
          fresh.push({ event, digest, slot: slots.length });
          slots.push({});
        }
      }

      let nextExpectedRevision: bigint;
      if (fresh.length === 0) nextExpectedRevision = await lastRevision(client, streamId);
      else {
        const expected = options.expectedRevision ?? 'any';
        let result;
        try {
          result = await client.appendToStream(
            streamId,
            fresh.map(({ event }) => toEventData(event, names.namespace, batch.recordedAt?.get(event.id))),
            { expectedRevision: expected },
          );
        } catch (error) {
          throw translateAppendError(error, stream, expected);
        }
        // Only with throwOnAppendFailure=false in the connection string.
        if (!result.success) throw new ConcurrencyConflictError(stream, expected, actualRevision(result.nextExpectedRevision));
        nextExpectedRevision = result.nextExpectedRevision;
        const written = await readBack(client, streamId, nextExpectedRevision - BigInt(fresh.length) + 1n, fresh.length);
        for (const { event, digest, slot } of fresh) {
          const stored = written.get(event.id);
          if (!stored) throw new Error(`appended event ${event.id} was not found where KurrentDB said it wrote it (${streamId})`);
          index.add(stored, streamId, digest);
          slots[slot] = { stored };
        }
      }
      const events = await resolveDuplicates(client, slots);
      return { nextExpectedRevision, events, appended: fresh.length, duplicates: events.length - fresh.length };
    });
  };

const lastRevision = async (client: AppendClient, streamId: string): Promise<bigint> => {
  for await (const resolved of readKurrentStream(client, streamId, { direction: 'backwards', limit: 1 })) return resolved.event?.revision ?? -1n;
  return -1n;
};

const readBack = async (client: AppendClient, streamId: string, fromRevision: bigint, count: number): Promise<Map<string, StoredEvent>> => {
  const events = new Map<string, StoredEvent>();
  for await (const resolved of readKurrentStream(client, streamId, { fromRevision, limit: count })) {
    if (resolved.event) {
      const { event } = decodeRecorded(resolved.event);
      events.set(event.id, event);
    }
  }
  return events;
};

/** A place in the result: an event written now, or the stored twin of a duplicate. */
type Slot = { stored?: StoredEvent; duplicateOf?: IndexEntry };

/** Duplicates are reported as stored: one read of the stream range that holds them. */
const resolveDuplicates = async (client: AppendClient, slots: Slot[]): Promise<StoredEvent[]> => {
  const wanted = slots.flatMap((slot) => (slot.duplicateOf ? [slot.duplicateOf] : []));
  const stored = new Map<bigint, StoredEvent>();
  for (const stream of new Set(wanted.map((entry) => entry.stream))) {
    const revisions = wanted.filter((entry) => entry.stream === stream).map((entry) => entry.revision);
    const first = revisions.reduce((a, b) => (a < b ? a : b));
    const last = revisions.reduce((a, b) => (a > b ? a : b));
    for await (const resolved of readKurrentStream(client, stream, { fromRevision: first, limit: Number(last - first) + 1 })) {
      if (resolved.event) {
        const { event } = decodeRecorded(resolved.event);
        stored.set(event.position, event);
      }
    }
  }
  return slots.map(({ stored: written, duplicateOf }) => {
    const event = written ?? (duplicateOf && stored.get(duplicateOf.position));
    if (!event) throw new Error(`stored event at position ${duplicateOf?.position} could not be read back from ${duplicateOf?.stream}`);
    return event;
  });
};
