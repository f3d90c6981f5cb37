import { Subscription } from 'rxjs';
import { streamOf } from '../../events';
import { SubscriptionMessage } from '../../src/store/event-store.port';
import { StoreNotLiveError, StoreUnavailableError } from '../../src/store/kurrentdb/errors';
import { getKurrentDBEventStore, KurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { collect, events } from '../support/event-builders';
import { InProcessKurrentDB, startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

const NAFTA = streamOf('nafta-renegotiation');

/** Polls a condition the server side changes asynchronously (no timing is asserted: only that it happens). */
const eventually = async (condition: () => Promise<boolean> | boolean, what: string): Promise<void> => {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
};

describe('given a store following a KurrentDB node live (id index and a subscriber)', () => {
  let db: InProcessKurrentDB;
  let store: KurrentDBEventStore;
  let messages: SubscriptionMessage[];
  let errors: unknown[];
  let subscription: Subscription;
  beforeEach(async () => {
    db = await startInProcessKurrentDB();
    store = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: 'restart-' });
    await store.append(NAFTA, events(2));
    messages = [];
    errors = [];
    subscription = store.subscribe({ fromPosition: 0n }).subscribe({ next: (m) => messages.push(m), error: (e) => errors.push(e) });
    await eventually(() => messages.some((m) => m.kind === 'caught-up'), 'the subscriber caught up');
  });
  afterEach(async () => {
    subscription.unsubscribe();
    await store.close();
    await db.stop();
  });

  const delivered = () => messages.flatMap((m) => (m.kind === 'event' ? [m.event.id] : []));

  it('when the node restarts (its streams end with gRPC CANCELLED, then the port is gone for a moment), then index and subscriber resubscribe and later writes and queries work', async () => {
    await db.restart();
    await eventually(async () => (await store.health()).live, 'the index is live again');
    const later = await store.append(NAFTA, events(1));
    await eventually(() => delivered().includes(later.events[0].id), 'the subscriber received the later event');
    expect(errors).toEqual([]);
    expect(delivered()).toHaveLength(3);
    expect(new Set(delivered()).size).toBe(3);
    expect(await store.headPosition()).toBe(later.events[0].position);
    expect(await store.getEvent(later.events[0].id)).toMatchObject({ id: later.events[0].id });
  });

  it('when the node cancels its streams and refuses new subscriptions for a while, then appends are refused (nothing written) until the index is live again', async () => {
    db.refuseSubscriptions(true);
    db.cancelStreamingCalls();
    await eventually(async () => !(await store.health()).live, 'the index noticed');
    const batch = events(1);
    await expect(store.append(NAFTA, batch)).rejects.toBeInstanceOf(StoreNotLiveError);
    expect((await store.summary())[0].events).toBe(2);

    db.refuseSubscriptions(false);
    await eventually(async () => (await store.health()).live, 'the index is live again');
    expect(await store.append(NAFTA, batch)).toMatchObject({ appended: 1, duplicates: 0 });
    await eventually(() => delivered().includes(batch[0].id), 'the subscriber resubscribed and received it');
    expect(errors).toEqual([]);
  });

  it('when the node shuts its streams down while appends are in flight, then each one succeeds or fails with a retriable 503, and retrying the failed ones stores every event exactly once', async () => {
    const batches = Array.from({ length: 12 }, () => events(2));
    const first = batches.map((batch) => store.append(NAFTA, batch));
    db.cancelStreamingCalls();
    const settled = await Promise.allSettled(first);
    const failed = batches.filter((_, i) => settled[i].status === 'rejected');
    for (const result of settled) {
      if (result.status === 'rejected') expect([StoreUnavailableError, StoreNotLiveError].some((type) => result.reason instanceof type)).toBe(true);
    }
    await eventually(async () => (await store.health()).live, 'the index is live again');
    for (const batch of failed) await store.append(NAFTA, batch);
    const stored = (await collect(store.readStream(NAFTA))).map((e) => e.id);
    expect(stored).toHaveLength(2 + 24);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.slice(2).sort()).toEqual(batches.flat().map((e) => e.id).sort());
  });
});
