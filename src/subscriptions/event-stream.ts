import { storedEventToJson } from '../../events';
import { EventFilter, EventStore } from '../store/event-store.port';
import { NamedCheckpoint } from './named-checkpoint';
import { pacedSubscription } from './paced-subscription';
import { SseStream } from './sse-stream';

export interface EventStreamRequest {
  filter: EventFilter;
  /** Exclusive start position. */
  after: bigint;
  checkpoint?: NamedCheckpoint;
}

/**
 * Pipes the store's events into an SSE stream: `id:` the global position, `event:` the type,
 * `data:` the stored event. Catch-up is paced by the socket; live events go through the stream's
 * bounded queue. A `: caught-up N` comment marks the switch to live. A named subscription's
 * checkpoint follows what was handed to the socket and is stored once more when the stream ends.
 */
export const streamEvents = (store: EventStore, stream: SseStream, { filter, after, checkpoint }: EventStreamRequest): void => {
  if (checkpoint) stream.onDelivered((position) => checkpoint.advance(position));
  const subscription = pacedSubscription(store, { after, filter }, () => stream.delivery.whenIdle()).subscribe({
    next: (message) => {
      if (message.kind === 'caught-up') return stream.comment(`caught-up ${message.position}`);
      const { event } = message;
      stream.send({ id: event.position.toString(), event: event.type, data: JSON.stringify(storedEventToJson(event)) }, event.position);
    },
    error: (error: unknown) => void stream.fail(error),
    complete: () =>
      void stream.end({ event: 'shutdown', data: { reason: 'the store was closed', resumeFrom: stream.delivery.lastDelivered } }, 1_000),
  });
  stream.onEnd(async () => {
    subscription.unsubscribe();
    await checkpoint?.close();
  });
};
