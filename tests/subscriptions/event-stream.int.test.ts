import { EventFilter, matchesFilter } from '../../src/store/event-store.port';
import { OpenStreams } from '../../src/subscriptions/open-streams.registry';
import { SseClient, SseEvent } from '../support/sse-client';
import { cliAppend, eventually, filterQuery, offer, postEvents, RawEvent, startParley, statement, storedMatching, storeOf, sseFixture } from './harness';

const NAFTA = 'nafta-renegotiation';
const STEEL = 'steel-talks';
const PARTIES = ['MX', 'US', 'CA'];

/** A varied event: two negotiations, three parties, statements and offers on three issues. */
const mixed = (tag: string, k: number): RawEvent => {
  const negotiation = k % 2 ? NAFTA : STEEL;
  const party = PARTIES[k % 3];
  if (k % 5 >= 2) return statement(`${tag}-${k}`, negotiation, party);
  const issue = negotiation === STEEL ? 'steel-quotas' : k % 4 < 2 ? 'auto-rules-of-origin' : 'dairy';
  return offer(`${tag}-${k}`, negotiation, issue, party, 60 + (k % 20));
};

/** One event of every negotiation × party × kind, so that every filter below matches at least one. */
const sentinels = (): RawEvent[] =>
  PARTIES.flatMap((party) => [
    statement(`sentinel-${NAFTA}-${party}-s`, NAFTA, party),
    offer(`sentinel-${NAFTA}-${party}-a`, NAFTA, 'auto-rules-of-origin', party),
    offer(`sentinel-${NAFTA}-${party}-d`, NAFTA, 'dairy', party),
    statement(`sentinel-${STEEL}-${party}-s`, STEEL, party),
    offer(`sentinel-${STEEL}-${party}-q`, STEEL, 'steel-quotas', party),
  ]);

const FILTERS: EventFilter[] = [
  {},
  { negotiation: NAFTA },
  { negotiation: STEEL },
  { party: 'MX' },
  { party: 'US' },
  { party: 'CA' },
  { types: ['OfferMade'] },
  { types: ['StatementIssued'] },
  { types: ['OfferMade', 'StatementIssued'] },
  { negotiation: NAFTA, issue: 'auto-rules-of-origin' },
  { negotiation: NAFTA, issue: 'dairy' },
  { issue: 'steel-quotas' },
  { negotiation: NAFTA, party: 'MX' },
  { negotiation: STEEL, party: 'CA', types: ['StatementIssued'] },
  { party: 'US', types: ['OfferMade'] },
  { negotiation: STEEL, types: ['OfferMade'] },
  { negotiation: NAFTA, types: ['StatementIssued'] },
  { negotiation: STEEL, party: 'US' },
  { issue: 'auto-rules-of-origin', party: 'CA' },
  { party: 'MX', types: ['StatementIssued'] },
];

const isSentinel = (e: SseEvent): boolean => (JSON.parse(e.data) as { id: string }).id.startsWith('sentinel-');

/** What a subscriber received before the first sentinel: exactly the events it must have, nothing else. */
const beforeSentinel = async (client: SseClient): Promise<SseEvent[]> => {
  await client.waitFor(() => client.dataEvents.some(isSentinel), 'a sentinel event', 40_000);
  const events = client.dataEvents;
  return events.slice(0, events.findIndex(isSentinel));
};

const summary = (events: SseEvent[]) => events.map((e) => ({ id: e.id, event: e.event, eventId: (JSON.parse(e.data) as { id: string }).id }));

describe('GET /subscriptions/events (Server-Sent Events)', () => {
  const f = sseFixture();

  it('given 20 subscribers with different filters, when two writers (the API and `parley append` in other processes) append 2 000 events concurrently, then each receives every matching event in order exactly once', async () => {
    f.server = await startParley(f.store.db);
    const subscribers = await Promise.all(
      FILTERS.map((filter, i) => f.open(`/subscriptions/events?${filterQuery(filter, i % 2 ? { fromPosition: '0' } : {})}`)),
    );
    expect(subscribers.map((s) => s.status)).toEqual(FILTERS.map(() => 200));
    expect(subscribers[0].response.headers['content-type']).toMatch(/^text\/event-stream/);
    await Promise.all(subscribers.map((s) => s.waitForComment('caught-up')));

    // The API writer keeps pace with the other process so that their commits interleave.
    const cliCommitted = async () => (await storedMatching(storeOf(f.server!))).filter((e) => e.id.startsWith('cli-')).length;
    const apiWriter = async () => {
      for (let batch = 0; batch < 20; batch++) {
        if (batch % 5 === 0) await eventually(async () => (await cliCommitted()) >= Math.min(batch / 5 + 1, 4) * 250, 'a run of the other writer');
        await postEvents(f.server!.url, Array.from({ length: 50 }, (_, k) => mixed('api', batch * 50 + k)));
      }
    };
    const cliWriter = async () => {
      for (let run = 0; run < 4; run++) await cliAppend(f.store.db, Array.from({ length: 250 }, (_, k) => mixed('cli', run * 250 + k)));
    };
    await Promise.all([apiWriter(), cliWriter()]);
    await postEvents(f.server.url, sentinels());

    const all = (await storedMatching(storeOf(f.server))).filter((e) => !e.id.startsWith('sentinel-'));
    expect(all).toHaveLength(2_000);
    const writers = all.map((e) => e.id.slice(0, 3)).filter((w, i, ws) => i === 0 || w !== ws[i - 1]);
    expect(writers.length).toBeGreaterThanOrEqual(4); // the two writers' commits interleave
    for (const [i, filter] of FILTERS.entries()) {
      const expected = all.filter((e) => matchesFilter(e, filter)).map((e) => ({ id: String(e.position), event: e.type, eventId: e.id }));
      expect(expected.length).toBeGreaterThan(0);
      expect({ filter, received: summary(await beforeSentinel(subscribers[i])) }).toEqual({ filter, received: expected });
    }
  }, 60_000);

  it('given a subscriber that disconnects mid-stream, when it reconnects with Last-Event-ID, then it receives the rest with no gap and no duplicate', async () => {
    f.server = await startParley(f.store.db);
    await postEvents(f.server.url, Array.from({ length: 600 }, (_, k) => mixed('early', k)));
    const filter: EventFilter = { negotiation: NAFTA };
    const first = await f.open(`/subscriptions/events?${filterQuery(filter, { fromPosition: '0' })}`);
    await first.waitFor(() => first.dataEvents.length >= 40, '40 events');
    first.close();
    await first.closed;
    const received = [...first.dataEvents];
    const later = postEvents(f.server.url, Array.from({ length: 300 }, (_, k) => mixed('late', k)));

    const second = await f.open(`/subscriptions/events?${filterQuery(filter, { fromPosition: '0' })}`, { 'Last-Event-ID': first.lastEventId! });
    await later;
    await postEvents(f.server.url, sentinels());
    received.push(...(await beforeSentinel(second)));

    const expected = (await storedMatching(storeOf(f.server), filter)).filter((e) => !e.id.startsWith('sentinel-'));
    expect(received.length).toBe(450);
    expect(summary(received)).toEqual(expected.map((e) => ({ id: String(e.position), event: e.type, eventId: e.id })));
  });

  it('given a stalled subscriber, when events keep coming, then it alone is cut off with a final message naming the position to resume from, and the others receive everything', async () => {
    f.server = await startParley(f.store.db, { PARLEY_SSE_MAX_QUEUED_EVENTS: '1000', PARLEY_SSE_MAX_QUEUED_BYTES: '2000000', PARLEY_SSE_CLOSE_GRACE_MS: '120000' });
    const fast = await f.open('/subscriptions/events');
    const stalled = await f.open('/subscriptions/events');
    await Promise.all([fast.waitForComment('caught-up'), stalled.waitForComment('caught-up')]);
    stalled.stall();

    // 1 MB batches, each read by the fast subscriber, until the stalled one is cut off (the socket
    // buffers take a few MB, its queue 2 MB), and 5 more.
    const streams = f.server.app.get(OpenStreams);
    const big = (k: number) => statement(`big-${k}`, k % 2 ? NAFTA : STEEL, PARTIES[k % 3], `${k} `.padEnd(10_000, 'x'));
    let batches = 0;
    for (let after = 0; batches < 100 && after < 5; batches++) {
      await postEvents(f.server.url, Array.from({ length: 100 }, (_, k) => big(batches * 100 + k)));
      await fast.waitFor(() => fast.dataEvents.length === (batches + 1) * 100, `batch ${batches + 1}`);
      if (streams.size === 1) after++;
    }
    expect(streams.size).toBe(1);
    const all = await storedMatching(storeOf(f.server));
    await fast.waitFor(() => fast.dataEvents.length === all.length, 'every event');
    expect(fast.dataEvents.map((e) => e.id)).toEqual(all.map((e) => String(e.position)));

    stalled.resume();
    await stalled.closed;
    const final = stalled.events[stalled.events.length - 1];
    expect(final.event).toBe('overflow');
    const { reason, resumeFrom } = JSON.parse(final.data) as { reason: string; resumeFrom: number };
    expect(reason).toMatch(/too slow/);
    const got = stalled.dataEvents.map((e) => e.id);
    expect(got.length).toBeLessThan(all.length);
    expect(got).toEqual(all.slice(0, got.length).map((e) => String(e.position)));
    expect(resumeFrom).toBe(Number(got[got.length - 1] ?? all[0].position - 1n));

    const resumed = await f.open('/subscriptions/events', { 'Last-Event-ID': String(resumeFrom) });
    await resumed.waitFor(() => resumed.dataEvents.length === all.length - got.length, 'the rest');
    expect([...got, ...resumed.dataEvents.map((e) => e.id)]).toEqual(all.map((e) => String(e.position)));
  }, 60_000);
});
