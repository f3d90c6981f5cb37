import { Observable, Subscription } from 'rxjs';
import { EventFilter, EventStore, SubscriptionMessage } from '../store/event-store.port';

export interface PacedSubscriptionOptions {
  /** Exclusive start position. */
  after: bigint;
  filter?: EventFilter;
}

/**
 * Catch-up then live, over the store port only (so any adapter's native subscription slots in).
 * The backlog is read with `readAll`, one event at a time and only as fast as the consumer's
 * `ready()` allows, so a large catch-up costs no memory and is never taken for a slow consumer.
 * Past the backlog, the store's own subscription takes over from the last position read: its
 * catch-up covers whatever was committed meanwhile, then it is live — no gap, no duplicate.
 */
export const pacedSubscription = (
  store: EventStore,
  { after, filter }: PacedSubscriptionOptions,
  ready: () => Promise<void>,
): Observable<SubscriptionMessage> =>
  new Observable<SubscriptionMessage>((subscriber) => {
    let closed = false;
    let live: Subscription | undefined;
    const run = async (): Promise<void> => {
      let last = after;
      for await (const event of store.readAll({ fromPosition: after, filter })) {
        if (closed) return;
        subscriber.next({ kind: 'event', event });
        last = event.position;
        await ready();
      }
      if (!closed) live = store.subscribe({ fromPosition: last, filter }).subscribe(subscriber);
    };
    run().catch((error: unknown) => subscriber.error(error));
    return () => {
      closed = true;
      live?.unsubscribe();
    };
  });
