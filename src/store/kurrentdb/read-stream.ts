import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { StoredEvent } from '../../../events';
import { ReadStreamOptions } from '../event-store.port';
import { decodeRecorded } from './event-encoding';
import { StreamNames } from './stream-names';

export type ReadClient = Pick<EventStoreDBClient, 'readStream' | 'readAll'>;

const PAGE = 500;

/**
 * The raw events of one KurrentDB stream, paged by revision; an absent stream is simply empty. An
 * early `break` by the consumer cancels the gRPC read.
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
    const read = client.readStream(streamId, { fromRevision: from, direction: backwards ? BACKWARDS : FORWARDS, maxCount });
    let count = 0;
    let lastRevision: bigint | undefined;
    let finished = false;
    try {
      for await (const resolved of read) {
        count++;
        lastRevision = resolved.event?.revision ?? lastRevision;
        yield resolved;
      }
      finished = true;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    } finally {
      if (!finished) await read.cancel().catch(() => undefined);
    }
    if (count < maxCount || lastRevision === undefined) return;
    remaining -= count;
    from = backwards ? lastRevision - 1n : lastRevision + 1n;
  }
}

/** The port's readStream: one negotiation stream, decoded. */
export const kurrentReadStream = (client: ReadClient, names: StreamNames) =>
  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    for await (const resolved of readKurrentStream(client, names.toKurrent(stream), options)) {
      if (resolved.event) yield decodeRecorded(resolved.event).event;
    }
  };
