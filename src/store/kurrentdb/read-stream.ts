import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { StoredEvent } from '../../../events';
import { ReadStreamOptions } from '../event-store.port';
import { decodeRecorded } from './event-encoding';
import { StreamNames } from './stream-names';

export type ReadClient = Pick<EventStoreDBClient, 'readStream' | 'readAll'>;

const PAGE = 500;

/**
 * The raw events of one KurrentDB stream, paged by revision; an absent stream is simply empty.
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
      page = await drain(client.readStream(streamId, { fromRevision: from, direction: backwards ? BACKWARDS : FORWARDS, maxCount }));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
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

/** The port's readStream: one negotiation stream, decoded. */
export const kurrentReadStream = (client: ReadClient, names: StreamNames) =>
  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    for await (const resolved of readKurrentStream(client, names.toKurrent(stream), options)) {
      if (resolved.event) yield decodeRecorded(resolved.event).event;
    }
  };
