import { firstValueFrom, Subscription } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import { StoredEvent, streamOf } from '../../events';
import { ConcurrencyConflictError, IdempotencyConflictError, MultiStreamAppendUnsupportedError } from '../../src/store/errors';
import { EventStore, SubscriptionMessage } from '../../src/store/event-store.port';
import { anEvent, collect, events } from '../support/event-builders';

export interface StoreUnderTest {
  store: EventStore;
  /** A second, independent connection to the same store (another process's view); required unless declared single-connection. */
  openAnother?: () => Promise<EventStore>;
  cleanup: () => Promise<void>;
}

export interface ConformanceOptions {
  /**
   * The store lives in one connection (SQLite ':memory:'): there is no other connection to append
   * from, so the cross-connection test is not registered (rather than passing without testing).
   */
  singleConnection?: boolean;
  /**
   * Register only the cases whose name matches: a second pass of the same adapter that varies one
   * thing (KurrentDB positions beyond 2^53) runs the cases about that thing, not the whole suite again.
   */
  only?: RegExp;
}

/** Every method name of a store, its class's included (Object.keys misses prototype methods). */
const methodNames = (store: object): string[] => {
  const names = new Set<string>();
  for (let o: object | null = store; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null)
    for (const name of Object.getOwnPropertyNames(o)) if (typeof (store as Record<string, unknown>)[name] === 'function') names.add(name);
  return [...names];
};

/** Compile-time half of "no way to update or delete": the port itself has no such method (tsc fails otherwise). */
type Mutating = Extract<keyof EventStore, `${string}${'update' | 'Update' | 'delete' | 'Delete' | 'remove' | 'Remove' | 'truncate' | 'Truncate'}${string}`>;
const portHasNoMutatingMethod: [Mutating] extends [never] ? true : never = true;
void portHasNoMutatingMethod;

const NAFTA = streamOf('nafta-renegotiation');
const STEEL = streamOf('steel-talks');
const steel = (overrides: Record<string, unknown> = {}) =>
  anEvent({ negotiation: 'steel-talks', issue: 'steel-aluminum-tariffs', party: 'US', ...overrides });

const eventsOf = (messages: SubscriptionMessage[]): StoredEvent[] =>
  messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));

/** Collects subscription events until `count` have arrived. */
const receive = (store: EventStore, count: number, options: Parameters<EventStore['subscribe']>[0]) => {
  const received: StoredEvent[] = [];
  let subscription: Subscription | undefined;
  const done = new Promise<StoredEvent[]>((resolve, reject) => {
    subscription = store.subscribe(options).subscribe({
      next: (message) => {
        if (message.kind !== 'event') return;
        received.push(message.event);
        if (received.length === count) resolve(received);
      },
      error: reject,
    });
  });
  return { done, received, stop: () => subscription?.unsubscribe() };
};

const caughtUp = (store: EventStore, options: Parameters<EventStore['subscribe']>[0]) => {
  const messages: SubscriptionMessage[] = [];
  let subscription: Subscription | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    subscription = store.subscribe(options).subscribe({
      next: (message) => {
        messages.push(message);
        if (message.kind === 'caught-up') resolve();
      },
      error: reject,
    });
  });
  return { ready, messages, stop: () => subscription?.unsubscribe() };
};

/**
 * The rules every event-store adapter obeys. An adapter is done when this suite passes unchanged.
 */
export const describeEventStoreConformance = (name: string, open: () => Promise<StoreUnderTest>, options: ConformanceOptions = {}): void => {
  const it = (title: string, test: jest.ProvidesCallback): void => {
    if (!options.only || options.only.test(title)) globalThis.it(title, test);
  };
  describe(`event store conformance: ${name}${options.only ? ` (cases matching ${options.only})` : ''}`, () => {
    let sut: StoreUnderTest;
    let store: EventStore;
    beforeEach(async () => {
      sut = await open();
      store = sut.store;
    });
    afterEach(async () => sut.cleanup());

    describe('appending and reading', () => {
      it('given an empty store, when a batch is appended, then it is read back in order with positions, revisions and recordedAt', async () => {
        const batch = events(3);
        const result = await store.append(NAFTA, batch);
        expect(result.appended).toBe(3);
        expect(result.duplicates).toBe(0);
        expect(result.nextExpectedRevision).toBe(2n);
        const stored = await collect(store.readStream(NAFTA));
        expect(stored.map((e) => e.id)).toEqual(batch.map((e) => e.id));
        expect(stored.map((e) => e.streamRevision)).toEqual([0n, 1n, 2n]);
        expect(typeof stored[0].position).toBe('bigint');
        expect(stored[0].position < stored[1].position && stored[1].position < stored[2].position).toBe(true);
        expect(Number.isNaN(Date.parse(stored[0].recordedAt))).toBe(false);
        expect(stored[0]).toMatchObject({ ...batch[0] });
        expect(result.events.map((e) => e.position)).toEqual(stored.map((e) => e.position));
      });

      it('given events in two streams, when reading all, then positions strictly increase in commit order across streams', async () => {
        await store.append(NAFTA, events(2));
        await store.append(STEEL, [steel()]);
        await store.append(NAFTA, events(1));
        const all = await collect(store.readAll());
        expect(all.map((e) => e.negotiation)).toEqual(['nafta-renegotiation', 'nafta-renegotiation', 'steel-talks', 'nafta-renegotiation']);
        all.slice(1).forEach((e, i) => expect(e.position > all[i].position).toBe(true));
        expect(all.map((e) => e.streamRevision)).toEqual([0n, 1n, 0n, 2n]);
      });

      it('given stored events, when reading from a position, then the read is exclusive of it and honours limit and direction', async () => {
        await store.append(NAFTA, events(5));
        const all = await collect(store.readAll());
        const after = await collect(store.readAll({ fromPosition: all[1].position, limit: 2 }));
        expect(after.map((e) => e.id)).toEqual([all[2].id, all[3].id]);
        const backwards = await collect(store.readAll({ direction: 'backwards' }));
        expect(backwards.map((e) => e.id)).toEqual([...all].reverse().map((e) => e.id));
        const before = await collect(store.readAll({ direction: 'backwards', fromPosition: all[2].position }));
        expect(before.map((e) => e.id)).toEqual([all[1].id, all[0].id]);
      });

      it('given a stream, when read backwards or from a revision, then revisions are honoured', async () => {
        await store.append(NAFTA, events(4));
        const fromTwo = await collect(store.readStream(NAFTA, { fromRevision: 2n }));
        expect(fromTwo.map((e) => e.streamRevision)).toEqual([2n, 3n]);
        const backwards = await collect(store.readStream(NAFTA, { direction: 'backwards', limit: 3 }));
        expect(backwards.map((e) => e.streamRevision)).toEqual([3n, 2n, 1n]);
        expect(await collect(store.readStream(streamOf('nothing-here')))).toEqual([]);
      });

      it('given more events than one page, when reading all, then every event comes back once, in order', async () => {
        for (let i = 0; i < 5; i++) await store.append(NAFTA, events(500));
        const all = await collect(store.readAll());
        expect(all).toHaveLength(2500);
        expect(new Set(all.map((e) => e.id)).size).toBe(2500);
        all.slice(1).forEach((e, i) => expect(e.position > all[i].position).toBe(true));
      });

      it('given a stored event, when fetched by id, then it is returned; an unknown id is undefined', async () => {
        const [event] = events(1);
        await store.append(NAFTA, [event]);
        expect((await store.getEvent(event.id))?.id).toBe(event.id);
        expect(await store.getEvent('no-such-event')).toBeUndefined();
        expect(await store.headPosition()).toBe((await collect(store.readAll()))[0].position);
      });
    });

    describe('filters', () => {
      beforeEach(async () => {
        await store.append(NAFTA, [
          anEvent({ id: 'mx-rvc', party: 'MX' }),
          anEvent({ id: 'us-rvc', party: 'US' }),
          anEvent({ id: 'us-sunset', party: 'US', type: 'DemandTabled', issue: 'sunset-clause', data: { terms: [{ metric: 'review_period_years', value: 5, unit: 'years' }] } }),
        ]);
        await store.append(STEEL, [steel({ id: 'steel-us' })]);
      });
      const ids = async (filter: object) => (await collect(store.readAll({ filter }))).map((e) => e.id);

      it('when filtering by negotiation, issue, party and type, then only matching events come back', async () => {
        expect(await ids({ negotiation: 'steel-talks' })).toEqual(['steel-us']);
        expect(await ids({ negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin' })).toEqual(['mx-rvc', 'us-rvc']);
        expect(await ids({ party: 'US' })).toEqual(['us-rvc', 'us-sunset', 'steel-us']);
        expect(await ids({ types: ['DemandTabled'] })).toEqual(['us-sunset']);
        expect(await ids({ types: ['DemandTabled', 'OfferMade'], party: 'US', negotiation: 'nafta-renegotiation' })).toEqual(['us-rvc', 'us-sunset']);
        expect(await ids({ issue: 'dispute-settlement' })).toEqual([]);
      });
    });

    describe('optimistic concurrency', () => {
      it('given no stream, when appending with no_stream, then it succeeds; a second no_stream append conflicts', async () => {
        await store.append(NAFTA, events(1), { expectedRevision: 'no_stream' });
        const rejected = store.append(NAFTA, events(1), { expectedRevision: 'no_stream' });
        await expect(rejected).rejects.toBeInstanceOf(ConcurrencyConflictError);
        await expect(rejected).rejects.toMatchObject({ expected: 'no_stream', actual: 0n, stream: NAFTA });
      });

      it('given no stream, when appending with stream_exists, then it conflicts and nothing is stored', async () => {
        await expect(store.append(NAFTA, events(1), { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          expected: 'stream_exists',
          actual: 'no_stream',
        });
        expect(await collect(store.readAll())).toEqual([]);
      });

      it('given a stream at revision 1, when appending expecting 1, then it succeeds; expecting 1 again conflicts with expected vs actual', async () => {
        await store.append(NAFTA, events(2));
        await store.append(NAFTA, events(2), { expectedRevision: 1n });
        const error = await store.append(NAFTA, events(3), { expectedRevision: 1n }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConcurrencyConflictError);
        expect(error).toMatchObject({ expected: 1n, actual: 3n });
        expect((error as Error).message).toMatch(/expected revision 1, actual 3/);
        expect(await collect(store.readStream(NAFTA))).toHaveLength(4);
      });

      it('given a stream, when appending with any, then it always succeeds; stream_exists succeeds too', async () => {
        await store.append(NAFTA, events(1), { expectedRevision: 'any' });
        await store.append(NAFTA, events(1), { expectedRevision: 'stream_exists' });
        expect((await store.append(NAFTA, events(1))).nextExpectedRevision).toBe(2n);
      });

      it('given two writers deciding on the same revision, when both append, then exactly one wins', async () => {
        await store.append(NAFTA, events(1));
        const outcomes = await Promise.allSettled([
          store.append(NAFTA, events(1), { expectedRevision: 0n }),
          store.append(NAFTA, events(1), { expectedRevision: 0n }),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ConcurrencyConflictError)).toHaveLength(1);
      });
    });

    describe('idempotency and immutability', () => {
      it('given a stored batch, when the same events are appended again, then they are duplicates at their stored positions and nothing is appended', async () => {
        const batch = events(3);
        const first = await store.append(NAFTA, batch);
        const again = await store.append(NAFTA, batch.map((e) => ({ ...e })), { expectedRevision: 0n });
        expect(again).toMatchObject({ appended: 0, duplicates: 3, nextExpectedRevision: 2n });
        expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
        expect(await collect(store.readAll())).toHaveLength(3);
      });

      it('given a stored event, when the same id comes with other content, then the whole batch is refused and the original stands', async () => {
        const [original] = events(1);
        await store.append(NAFTA, [original]);
        const changed = { ...original, occurredAt: '2018-05-25' };
        const fresh = events(2);
        const error = await store.append(NAFTA, [fresh[0], changed, fresh[1]]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(IdempotencyConflictError);
        expect(error).toMatchObject({ eventId: original.id });
        const all = await collect(store.readAll());
        expect(all.map((e) => e.id)).toEqual([original.id]);
        expect(all[0].occurredAt).toBe('2018-05-24');
      });

      it('given a batch mixing stored and new events, when appended, then only the new ones are stored', async () => {
        const [old] = events(1);
        await store.append(NAFTA, [old]);
        const result = await store.append(NAFTA, [old, ...events(2)]);
        expect(result).toMatchObject({ appended: 2, duplicates: 1, nextExpectedRevision: 2n });
      });

      it('given the same id twice in one batch with different content, then the batch is refused', async () => {
        const [event] = events(1);
        await expect(store.append(NAFTA, [event, { ...event, party: 'US' }])).rejects.toBeInstanceOf(IdempotencyConflictError);
        expect(await collect(store.readAll())).toEqual([]);
      });

      it('the adapter offers no way to update or delete an event, beyond the port (which has none, checked at compile time)', () => {
        const operations = methodNames(store);
        expect(operations).toContain('append'); // the walk does see the adapter's methods
        expect(operations.filter((k) => /update|delete|remove|truncate|edit/i.test(k))).toEqual([]);
      });

      it('given an event of another negotiation, when appended to a stream, then it is refused with the field named', async () => {
        await expect(store.append(STEEL, [anEvent()])).rejects.toThrow(/negotiation/);
        expect(await collect(store.readAll())).toEqual([]);
      });
    });

    describe('multi-stream append (a batch spanning several negotiations)', () => {
      it('given one stream, when appended through appendToStreams, then it behaves as append: results, revisions and conflicts', async () => {
        const [result] = await store.appendToStreams([{ stream: NAFTA, events: events(2) }]);
        expect(result).toMatchObject({ appended: 2, duplicates: 0, nextExpectedRevision: 1n });
        const error = await store.appendToStreams([{ stream: NAFTA, events: events(1), expectedRevision: 0n }]).catch((e: unknown) => e);
        expect(error).toMatchObject({ expected: 0n, actual: 1n, stream: NAFTA });
        expect(await collect(store.readStream(NAFTA))).toHaveLength(2);
      });

      it('given two negotiations, when appended together, then both are stored in one step, or the store refuses the whole call naming both and stores nothing', async () => {
        const nafta = events(2);
        const steelEvents = [steel(), steel()];
        const outcome = await store.appendToStreams([{ stream: NAFTA, events: nafta }, { stream: STEEL, events: steelEvents }]).catch((e: unknown) => e);
        if (store.multiStreamAppend === 'atomic') {
          const results = outcome as Awaited<ReturnType<EventStore['appendToStreams']>>;
          expect(results.map((r) => r.events.map((e) => e.id))).toEqual([nafta.map((e) => e.id), steelEvents.map((e) => e.id)]);
          expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 1n]);
          expect((await collect(store.readAll())).map((e) => e.id)).toEqual([...nafta, ...steelEvents].map((e) => e.id));
        } else {
          expect(store.multiStreamAppend).toBe('single-stream');
          expect(outcome).toBeInstanceOf(MultiStreamAppendUnsupportedError);
          expect(outcome).toMatchObject({ code: 'multi_negotiation_batch_unsupported', negotiations: ['nafta-renegotiation', 'steel-talks'] });
          expect(await collect(store.readAll())).toEqual([]);
        }
      });

      it('given a conflict in the second negotiation, when appended together, then nothing of the first is stored', async () => {
        await store.append(STEEL, [steel()]);
        const nafta = events(2);
        const error = await store
          .appendToStreams([{ stream: NAFTA, events: nafta }, { stream: STEEL, events: [steel()], expectedRevision: 'no_stream' }])
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(store.multiStreamAppend === 'atomic' ? ConcurrencyConflictError : MultiStreamAppendUnsupportedError);
        expect(await collect(store.readStream(NAFTA))).toEqual([]);
        expect(await collect(store.readAll())).toHaveLength(1);
      });

      it('given one id in two negotiations of one call, then the call is refused and nothing is stored', async () => {
        const [event] = events(1);
        const error = await store
          .appendToStreams([{ stream: NAFTA, events: [event] }, { stream: STEEL, events: [steel({ id: event.id })] }])
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(store.multiStreamAppend === 'atomic' ? IdempotencyConflictError : MultiStreamAppendUnsupportedError);
        expect(await collect(store.readAll())).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      it('given stored events, when subscribing from position 0, then it catches up, says so, and continues live', async () => {
        await store.append(NAFTA, events(3));
        const sub = caughtUp(store, { fromPosition: 0n });
        await sub.ready;
        expect(eventsOf(sub.messages)).toHaveLength(3);
        const live = events(2);
        await store.append(NAFTA, live);
        await waitFor(() => eventsOf(sub.messages).length === 5);
        expect(eventsOf(sub.messages).slice(3).map((e) => e.id)).toEqual(live.map((e) => e.id));
        sub.stop();
      });

      it('given no start position, when subscribing, then only events appended afterwards arrive', async () => {
        await store.append(NAFTA, events(3));
        const sub = caughtUp(store, {});
        await sub.ready;
        const later = events(1);
        await store.append(NAFTA, later);
        await waitFor(() => eventsOf(sub.messages).length === 1);
        expect(eventsOf(sub.messages)[0].id).toBe(later[0].id);
        sub.stop();
      });

      it('given a filter, when events of many kinds arrive, then only matching ones are delivered, in order', async () => {
        await store.append(STEEL, [steel()]);
        const sub = receive(store, 2, { fromPosition: 0n, filter: { party: 'MX', issue: 'auto-rules-of-origin' } });
        await store.append(NAFTA, [anEvent({ id: 'a', party: 'US' }), anEvent({ id: 'b', party: 'MX' })]);
        await store.append(STEEL, [steel()]);
        await store.append(NAFTA, [anEvent({ id: 'c', party: 'MX' })]);
        expect((await sub.done).map((e) => e.id)).toEqual(['b', 'c']);
        sub.stop();
      });

      it('given concurrent writers, when a subscriber starts mid-way from position 0, then it receives every event exactly once, in position order', async () => {
        const total = 600;
        // The writers pause at half-way until the subscriber has started: it starts mid-way by construction.
        let started!: () => void;
        const subscriberStarted = new Promise<void>((resolve) => (started = resolve));
        const atHalf = [false, false];
        const batches = total / 2 / 10;
        const writer = async (w: number, stream: string, make: () => ReturnType<typeof anEvent>) => {
          for (let i = 0; i < batches; i++) {
            if (i === batches / 2) {
              atHalf[w] = true;
              await subscriberStarted;
            }
            await store.append(stream, Array.from({ length: 10 }, make));
            await new Promise((r) => setImmediate(r));
          }
        };
        const writing = Promise.all([writer(0, NAFTA, () => anEvent()), writer(1, STEEL, () => steel())]);
        await waitFor(() => atHalf.every(Boolean));
        const before = (await collect(store.readAll())).length;
        const sub = receive(store, total, { fromPosition: 0n });
        started();
        await writing;
        expect(before).toBe(total / 2);
        const received = await sub.done;
        const all = await collect(store.readAll());
        expect(received.map((e) => e.position)).toEqual(all.map((e) => e.position));
        sub.stop();
      });

      it('given a subscriber, when it unsubscribes, then it receives nothing more and appends keep working', async () => {
        const sub = caughtUp(store, {});
        const witness = caughtUp(store, {});
        await Promise.all([sub.ready, witness.ready]);
        sub.stop();
        await store.append(NAFTA, events(2));
        // No sleep: a subscriber that stayed subscribed sees the events; once it has, the other one would have had them too.
        await waitFor(() => eventsOf(witness.messages).length === 2);
        witness.stop();
        expect(eventsOf(sub.messages)).toEqual([]);
        expect(await collect(store.readAll())).toHaveLength(2);
      });

      if (!options.singleConnection)
      it('given another connection to the same store, when it appends, then a subscriber here sees the events', async () => {
        expect(sut.openAnother).toBeDefined();
        const other = await sut.openAnother!();
        try {
          const sub = receive(store, 3, { fromPosition: 0n });
          await other.append(NAFTA, events(3));
          expect(await sub.done).toHaveLength(3);
          sub.stop();
        } finally {
          await other.close();
        }
      });

      it('given a subscription, when the first message arrives, then it can be taken with rxjs operators', async () => {
        await store.append(NAFTA, events(2));
        const firstTwo = await firstValueFrom(
          store.subscribe({ fromPosition: 0n }).pipe(filter((m) => m.kind === 'event'), take(2), toArray()),
        );
        expect(firstTwo).toHaveLength(2);
      });
    });

    describe('summary', () => {
      it('given events in two negotiations, when summarised, then each negotiation/issue pair is counted', async () => {
        await store.append(NAFTA, [anEvent(), anEvent(), anEvent({ issue: 'sunset-clause' }), anEvent({ type: 'StatementIssued', issue: undefined, party: 'US', data: { speaker: 'Lighthizer', quote: 'slow' } })]);
        await store.append(STEEL, [steel()]);
        const summary = await store.summary();
        const sorted = [...summary].sort((a, b) => `${a.negotiation}/${a.issue}`.localeCompare(`${b.negotiation}/${b.issue}`));
        expect(sorted).toEqual([
          { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', events: 2 },
          { negotiation: 'nafta-renegotiation', issue: null, events: 1 },
          { negotiation: 'nafta-renegotiation', issue: 'sunset-clause', events: 1 },
          { negotiation: 'steel-talks', issue: 'steel-aluminum-tariffs', events: 1 },
        ]);
      });
    });

    describe('checkpoints', () => {
      it('given a named consumer, when it stores a checkpoint, then it reads it back; an unknown name has none', async () => {
        expect(await store.readCheckpoint('dashboard')).toBeUndefined();
        await store.storeCheckpoint('dashboard', 42n);
        await store.storeCheckpoint('dashboard', 43n);
        expect(await store.readCheckpoint('dashboard')).toBe(43n);
      });
    });
  });
};

export const waitFor = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};
