import { type EventStoreDBClient } from '@eventstore/db-client';
import { ParleyEvent, StoredEvent } from '../../../events';
import { assertBatchFitsStream } from '../batch-invariants';
import { canonicalBody } from '../event-body';
import { ConcurrencyConflictError, IdempotencyConflictError } from '../errors';
import { AppendOptions, AppendResult } from '../event-store.port';
import { contentDigest, decodeRecorded, toEventData } from './event-encoding';
import { Claims } from './claims';
import { AppendNotConfirmedError, StoreNotLiveError, StoreUnavailableError } from './errors';
import { IdIndex, IndexEntry } from './id-index';
import { readKurrentStream } from './read-stream';
import { StreamNames } from './stream-names';
import { actualRevision, isTransient, translateAppendError } from './translate-error';

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
  claims: Claims;
  lock: ReturnType<typeof createLock>;
}

/** Events as they arrive plus, for a copy, the recordedAt each had in its original store. */
export interface AppendBatch {
  events: readonly ParleyEvent[];
  recordedAt?: ReadonlyMap<string, string>;
}

/**
 * The port's append over KurrentDB's. Idempotency as the port pins it: an id the id index already
 * holds is a duplicate (same content, reported with its stored position) or refuses the batch (other
 * content); every other id is claimed on the server first (claims.ts), which is what makes two
 * processes recording one id at once end with one event. Appends are refused while the index is not
 * live (fail closed). The new events go in one append with the caller's expected revision, mapped one
 * to one (6.2.1 sends it through BatchAppend on every supported server); WrongExpectedVersion becomes
 * ConcurrencyConflictError. The new events are then read back from the leader for their positions
 * and `created`, and indexed before the lock is released.
 */
export const kurrentAppend = ({ client, names, index, claims, lock }: AppendDeps) => {
  const append = async (stream: string, batch: AppendBatch, options: AppendOptions = {}): Promise<AppendResult> => {
    assertBatchFitsStream(stream, batch.events);
    const streamId = names.toKurrent(stream);
    try {
      await index.ready();
      return await lock(() => appendLocked(stream, streamId, batch, options));
    } catch (error) {
      throw isTransient(error) ? new StoreUnavailableError(error instanceof Error ? error.message : String(error)) : error;
    }
  };

  const appendLocked = async (stream: string, streamId: string, batch: AppendBatch, options: AppendOptions): Promise<AppendResult> => {
    const state = index.state();
    if (!state.live) throw new StoreNotLiveError(state.lastError);
    const slots: Slot[] = [];
    const candidates: { event: ParleyEvent; digest: string; slot: number }[] = [];
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
        candidates.push({ event, digest, slot: slots.length });
        slots.push({});
      }
    }

    const outcomes = await Promise.all(candidates.map(({ event, digest }) => claims.claim(event, digest)));
    const fresh = candidates.filter((candidate, i) => {
      const outcome = outcomes[i];
      if (outcome.held) return true;
      if (outcome.entry.digest !== candidate.digest) throw new IdempotencyConflictError(candidate.event.id, outcome.entry.position);
      slots[candidate.slot] = { duplicateOf: outcome.entry };
      return false;
    });

    let nextExpectedRevision: bigint;
    if (fresh.length === 0) nextExpectedRevision = await lastRevision(client, streamId);
    else {
      const expected = options.expectedRevision ?? 'any';
      let result;
      try {
        result = await client.appendToStream(
          streamId,
          fresh.map(({ event }) => toEventData(event, names.namespace, batch.recordedAt?.get(event.id))),
          { expectedRevision: expected, requiresLeader: true },
        );
      } catch (error) {
        throw translateAppendError(error, stream, expected);
      }
      // Only with throwOnAppendFailure=false in the connection string.
      if (!result.success) throw new ConcurrencyConflictError(stream, expected, actualRevision(result.nextExpectedRevision));
      nextExpectedRevision = result.nextExpectedRevision;
      const from = nextExpectedRevision - BigInt(fresh.length) + 1n;
      let written = await readBack(client, streamId, from, fresh.length);
      if (written.size < fresh.length) written = await readBack(client, streamId, from, fresh.length);
      for (const { event, digest, slot } of fresh) {
        const stored = written.get(event.id);
        if (!stored) throw new AppendNotConfirmedError(stream, event.id);
        index.add(stored, streamId, digest);
        claims.settled(event.id);
        slots[slot] = { stored };
      }
    }
    const events = await resolveDuplicates(client, slots);
    return { nextExpectedRevision, events, appended: fresh.length, duplicates: events.length - fresh.length };
  };
  return append;
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
