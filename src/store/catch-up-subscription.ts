import { Observable } from 'rxjs';
import { StoredEvent } from '../../events';
import { matchesFilter, ReadAllOptions, SubscribeOptions, SubscriptionMessage } from './event-store.port';
import { LiveTail } from './live-tail';

interface Source {
  readAll(options: ReadAllOptions): AsyncIterable<StoredEvent>;
  headPosition(): Promise<bigint>;
  tail: LiveTail;
}

/**
 * Catch-up then live, with no gap and no duplicate: listen to the tail first (buffering), read the
 * log from the start position, then hand over to the buffered and live tail events past the last
 * delivered position. Any event committed after the listening began is in the buffer; any before, in the read.
 */
export const catchUpSubscription = (source: Source, options: SubscribeOptions = {}): Observable<SubscriptionMessage> =>
  new Observable<SubscriptionMessage>((subscriber) => {
    const { filter } = options;
    let last = -1n;
    let live = false;
    let closed = false;
    const buffer: StoredEvent[] = [];
    const deliver = (event: StoredEvent): void => {
      if (event.position <= last || !matchesFilter(event, filter)) return;
      last = event.position;
      subscriber.next({ kind: 'event', event });
    };
    const tail = source.tail.events$.subscribe({
      next: (event) => (live ? deliver(event) : buffer.push(event)),
      error: (error) => subscriber.error(error),
    });

    const catchUp = async (): Promise<void> => {
      await source.tail.ready();
      const start = options.fromPosition ?? (await source.headPosition());
      last = start;
      for await (const event of source.readAll({ fromPosition: start, filter })) {
        if (closed) return;
        deliver(event);
      }
      if (closed) return;
      for (const event of buffer.splice(0)) deliver(event);
      live = true;
      subscriber.next({ kind: 'caught-up', position: last });
    };
    catchUp().catch((error: unknown) => subscriber.error(error));

    return () => {
      closed = true;
      tail.unsubscribe();
    };
  });
