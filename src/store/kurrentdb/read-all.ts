import { BACKWARDS, END, FORWARDS, START, type AllStreamResolvedEvent, type Position, type ReadPosition } from '@eventstore/db-client';
import { StoredEvent, streamOf } from '../../../events';
import { matchesFilter, ReadAllOptions } from '../event-store.port';
import { decodeRecorded, isForeignRecord } from './event-encoding';
import { positionOf } from './positions';
import { fromLeader, ReadClient, readKurrentStream } from './read-stream';
import { StreamNames } from './stream-names';
import { translateReadError } from './translate-error';

const PAGE = 500;

/**
 * $all in pages, forwards or backwards, exclusive of `fromPosition`. KurrentDB reads forwards
 * *including* the position it is given and backwards excluding it, so forwards pages skip events at
 * or before the cursor. System events and other namespaces' streams come along and are skipped.
 * The server reads only from record boundaries: a `fromPosition` inside a record is refused
 * (InvalidPositionError), a position past the end reads nothing.
 */
async function* readLog(client: ReadClient, fromPosition: bigint | undefined, backwards: boolean): AsyncGenerator<AllStreamResolvedEvent> {
  let cursor: ReadPosition;
  if (fromPosition === undefined) cursor = backwards ? END : START;
  else if (fromPosition <= 0n) {
    if (backwards) return;
    cursor = START;
  } else cursor = positionOf(fromPosition);
  let after = !backwards && fromPosition !== undefined && fromPosition > 0n ? fromPosition : undefined;
  for (;;) {
    const from = cursor;
    let page: AllStreamResolvedEvent[];
    try {
      page = await fromLeader(() => client.readAll({ fromPosition: from, direction: backwards ? BACKWARDS : FORWARDS, maxCount: PAGE, requiresLeader: true }));
    } catch (error) {
      throw translateReadError(error, fromPosition);
    }
    let last: Position | undefined;
    for (const resolved of page) {
      if (!resolved.event) continue;
      last = resolved.event.position;
      if (after !== undefined && last.commit <= after) continue;
      yield resolved;
    }
    if (page.length < PAGE || last === undefined) return;
    cursor = last;
    if (!backwards) after = last.commit;
  }
}

/** One negotiation's stream instead of $all: same order (a stream's revisions follow $all), far fewer events. */
async function* readNegotiation(client: ReadClient, streamId: string, fromPosition: bigint | undefined, backwards: boolean) {
  for await (const resolved of readKurrentStream(client, streamId, { direction: backwards ? 'backwards' : 'forwards' })) {
    const position = resolved.event?.position?.commit;
    if (position === undefined) continue;
    if (fromPosition !== undefined && (backwards ? position >= fromPosition : position <= fromPosition)) continue;
    yield resolved;
  }
}

/**
 * The port's readAll. The 6.2.1 client cannot send a server-side filter with a read, so filters
 * are applied here; a negotiation filter reads that negotiation's stream rather than $all.
 */
export const kurrentReadAll = (client: ReadClient, names: StreamNames) =>
  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    const filter = options.filter;
    const backwards = options.direction === 'backwards';
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const source =
      filter?.negotiation !== undefined
        ? readNegotiation(client, names.toKurrent(streamOf(filter.negotiation)), options.fromPosition, backwards)
        : readLog(client, options.fromPosition, backwards);
    for await (const resolved of source) {
      const recorded = resolved.event;
      if (!recorded || !names.isEventStream(recorded.streamId) || isForeignRecord(recorded)) continue;
      const { event } = decodeRecorded(recorded);
      if (!names.holds(recorded.streamId, event.negotiation) || !matchesFilter(event, filter)) continue;
      yield event;
      if (--remaining <= 0) return;
    }
  };
