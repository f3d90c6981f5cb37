import { BACKWARDS, END, FORWARDS, NotLeaderError, START, StreamDeletedError, StreamNotFoundError, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { StoredEvent } from '../../../events';
import { ReadStreamOptions } from '../event-store.port';
import { decodeRecorded, isForeignRecord } from './event-encoding';
import { StreamNames } from './stream-names';

export type ReadClient = Pick<EventStoreDBClient, 'readStream' | 'readAll'>;

const PAGE = 500;

/**
 * The raw events of one KurrentDB stream, paged by revision, read from the leader. An absent stream
 * is simply empty, and so is one an operator hard-deleted (KurrentDB then raises StreamDeleted, not
 * StreamNotFound): its events are gone from the stream, Parley never deleted them.
 */
export async function* readKurrentStream(
  client: ReadClient,
  streamId: string,
  options: { fromRevision?: bigint; direction?: 'forwards' | 'backwards'; limit?: number } = {},
): AsyncGenerator<ResolvedEvent> {
  const backwards = options.direction === 'backwards';
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let from: bigint | typeof START | typeof END = options.fromRevision ?? (backwards ? END : START);
  while (remaining > 0) {
    if (typeof from === 'bigint' && from < 0n) return;
    const maxCount = Math.min(PAGE, remaining);
    let page: ResolvedEvent[];
    try {
      const revision = from;
      page = await fromLeader(() => client.readStream(streamId, { fromRevision: revision, direction: backwards ? BACKWARDS : FORWARDS, maxCount, requiresLeader: true }));
    } catch (error) {
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return;
      throw error;
    }
    yield* page;
    const lastRevision = page[page.length - 1]?.event?.revision;
    if (page.length < maxCount || lastRevision === undefined) return;
    remaining -= page.length;
    from = backwards ? lastRevision - 1n : lastRevision + 1n;
  }
}

/**
 * Reads one page to its end before anyone sees it. A gRPC read abandoned half-way (a consumer's
 * early `break`) can leave the call unfinished for good, and the client's dispose() then waits on
 * it forever; pages are small, so reading them whole costs nothing.
 */
export const drain = async <T>(read: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
};

/**
 * One page read from the leader (`requiresLeader`: 6.2.1 only sends `requires-leader` when asked,
 * so without it a read after a failover is served by whichever node the channel is on and can miss
 * a write just acknowledged). A NotLeader answer makes the client reconnect to the leader it names
 * (`Client/index.js` shouldReconnect); the page is then read once more, there.
 */
export const fromLeader = async <T>(read: () => AsyncIterable<T>): Promise<T[]> => {
  try {
    return await drain(read());
  } catch (error) {
    if (!(error instanceof NotLeaderError)) throw error;
    return drain(read());
  }
};

/** The port's readStream: one negotiation stream, decoded (system records such as a tombstone skipped). */
export const kurrentReadStream = (client: ReadClient, names: StreamNames) =>
  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    for await (const resolved of readKurrentStream(client, names.toKurrent(stream), options)) {
      if (resolved.event && !isForeignRecord(resolved.event)) yield decodeRecorded(resolved.event).event;
    }
  };
