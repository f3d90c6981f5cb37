import { StoredEvent } from '../../events';
import { EventStore } from '../../src/store/event-store.port';

/** Wraps a store and counts every event its reads hand out, per negotiation/issue. */
export const countingStore = (inner: EventStore) => {
  const reads = new Map<string, number>();
  const count = async function* (events: AsyncIterable<StoredEvent>): AsyncGenerator<StoredEvent> {
    for await (const event of events) {
      const key = `${event.negotiation}/${event.issue ?? ''}`;
      reads.set(key, (reads.get(key) ?? 0) + 1);
      yield event;
    }
  };
  const store: EventStore = {
    ...inner,
    readAll: (options) => count(inner.readAll(options)),
    readStream: (stream, options) => count(inner.readStream(stream, options)),
  };
  return { store, reads, total: () => [...reads.values()].reduce((a, b) => a + b, 0) };
};
