import { jsonEvent, WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import { ParleyEvent } from '../../../events';
import { EventIdContendedError } from './errors';
import { kurrentEventId } from './event-id';
import { IdIndex, IndexEntry } from './id-index';
import { readKurrentStream } from './read-stream';
import { StreamNames } from './stream-names';

type ClaimClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll'>;

const CLAIM = 'ParleyIdClaimed';

type ClaimBody = { id: string; negotiation: string; digest: string };

/** How a claim came out: this writer holds the id now, or it is already stored (as `entry`). */
export type ClaimOutcome = { held: true } | { held: false; entry: IndexEntry };

export interface ClaimDeps {
  client: ClaimClient;
  names: StreamNames;
  index: IdIndex;
  /** How long a claim whose event is not stored yet is given to show up before it counts as abandoned. */
  abandonedAfterMs: number;
}

/**
 * Global idempotency that the SERVER arbitrates. KurrentDB has no uniqueness across streams, and its
 * own per-stream check lets a duplicate through when the writer's expected revision equals the
 * current one (`IndexWriter.CheckCommit`, last branch) or when the first id left its 8 MiB cache, so
 * an in-process index alone lets two processes record one id twice. Before an id's event is
 * appended, its writer appends a claim to the id's own stream with `no_stream`: KurrentDB
 * serialises writes to that stream, so of two writers exactly one succeeds and the other gets
 * WrongExpectedVersion. Claim events carry a random UUID, so the server's idempotency check never
 * takes a competing claim for a retry of the winner's.
 *
 * The loser reads the claim and waits (up to `abandonedAfterMs`) for its event through the live id
 * index, then looks in the claimed negotiation's stream. Found: the port's rule applies (same
 * content = duplicate, other content = IdempotencyConflictError). Not found: the claim was
 * abandoned (its writer crashed between claim and event, or its append was refused), and it is
 * taken over by appending a new claim with the expected revision of the one read, so of several
 * takers again only one wins. This process's own abandoned claims (an append refused, then
 * retried) are taken over at once, once their stream shows the event was not stored after all.
 * Residual risk, documented in the README: a writer that stalls longer than `abandonedAfterMs`
 * between its claim and its event can be overtaken.
 * (On KurrentDB 25.1+ a multi-stream append could write claim and event atomically; 6.2.1 cannot.)
 */
export const createClaims = ({ client, names, index, abandonedAfterMs }: ClaimDeps) => {
  /** Claims this process wrote whose event is not stored yet: parley id → the claim's KurrentDB event id. */
  const own = new Map<string, string>();

  const write = async (event: ParleyEvent, digest: string, expected: 'no_stream' | bigint): Promise<boolean> => {
    const claim = jsonEvent({ type: CLAIM, data: { id: event.id, negotiation: event.negotiation, digest } });
    // Remembered before it is sent: if the answer is lost (a node stopping), the claim may be stored,
    // and a retry must recognise it as this process's own instead of waiting for an event that never comes.
    const previous = own.get(event.id);
    own.set(event.id, claim.id);
    try {
      await client.appendToStream(names.claimStream(event.id), claim, { expectedRevision: expected });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (previous === undefined) own.delete(event.id);
      else own.set(event.id, previous);
      return false;
    }
    return true;
  };

  const current = async (parleyId: string): Promise<{ revision: bigint; kurrentId: string; body: ClaimBody } | undefined> => {
    for await (const resolved of readKurrentStream(client, names.claimStream(parleyId), { direction: 'backwards', limit: 1 })) {
      if (resolved.event) return { revision: resolved.event.revision, kurrentId: resolved.event.id, body: resolved.event.data as unknown as ClaimBody };
    }
    return undefined;
  };

  /** Whether the claimed negotiation's stream holds the id's event (what the index may not have seen yet). */
  const inStream = async (parleyId: string, negotiation: string): Promise<boolean> => {
    const kurrentId = kurrentEventId(parleyId, names.namespace);
    for await (const resolved of readKurrentStream(client, names.toKurrent(`negotiation-${negotiation}`))) {
      if (resolved.event?.id === kurrentId) return true;
    }
    return false;
  };

  /** The stored event of another writer's claim: by the index (given time to follow), else by the negotiation's stream. */
  const storedEvent = async (parleyId: string, negotiation: string): Promise<IndexEntry | undefined> => {
    const indexed = await index.waitFor(parleyId, abandonedAfterMs);
    if (indexed) return indexed;
    return (await inStream(parleyId, negotiation)) ? index.waitFor(parleyId, abandonedAfterMs) : undefined;
  };

  const claim = async (event: ParleyEvent, digest: string): Promise<ClaimOutcome> => {
    if (await write(event, digest, 'no_stream')) return { held: true };
    const found = await current(event.id);
    if (!found) throw new EventIdContendedError(event.id);
    if (found.kurrentId === own.get(event.id)) {
      // This process's own claim from an attempt that failed: the event may still have been stored
      // (a connection lost after the server wrote it), which only the stream can tell.
      const stored = (await inStream(event.id, found.body.negotiation)) ? await index.waitFor(event.id, abandonedAfterMs) : undefined;
      if (stored) return { held: false, entry: stored };
      if (found.body.digest === digest) return { held: true };
    } else {
      const entry = await storedEvent(event.id, found.body.negotiation);
      if (entry) return { held: false, entry };
    }
    if (await write(event, digest, found.revision)) return { held: true };
    throw new EventIdContendedError(event.id);
  };

  return {
    claim,
    /** The event is stored: the claim is no longer this process's to take over. */
    settled: (parleyId: string) => void own.delete(parleyId),
  };
};

export type Claims = ReturnType<typeof createClaims>;
