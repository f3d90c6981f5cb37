import { fixedClock } from '../../src/clock/clock';
import { SseClient } from '../support/sse-client';
import { offer, postEvents, startParley, statement, sseFixture } from './harness';

const NAFTA = 'nafta-renegotiation';
const STATE = `/subscriptions/negotiations/${NAFTA}/issues/auto-rules-of-origin/state`;

interface IssueStateJson {
  negotiation: string;
  issue: string;
  asOf: string;
  status: string;
  eventCount: number;
  positions: Record<string, unknown>;
}

const states = (client: SseClient) => client.events.map((e) => ({ id: e.id, event: e.event, state: JSON.parse(e.data) as IssueStateJson }));

describe('GET /subscriptions/negotiations/:negotiation/issues/:issue/state (Server-Sent Events)', () => {
  const f = sseFixture();

  it('given a state stream, when an OfferMade is recorded on its issue, then a new IssueState follows, and events on another issue add nothing', async () => {
    f.server = await startParley(f.store.db);
    await postEvents(f.server.url, [offer('mx-70', NAFTA, 'auto-rules-of-origin', 'MX', 70), offer('us-dairy', NAFTA, 'dairy', 'US')]);
    const client = await f.open(STATE);
    expect(client.response.headers['content-type']).toMatch(/^text\/event-stream/);
    await client.waitFor(() => client.events.length === 1, 'the current state');
    expect(states(client)[0]).toMatchObject({ id: '2', event: 'IssueState', state: { negotiation: NAFTA, issue: 'auto-rules-of-origin', eventCount: 1 } });
    expect(Object.keys(states(client)[0].state.positions)).toEqual(['MX']);

    await postEvents(f.server.url, [offer('ca-dairy', NAFTA, 'dairy', 'CA'), statement('talk', NAFTA, 'US')]);
    const { lastPosition: us } = await postEvents(f.server.url, [offer('us-75', NAFTA, 'auto-rules-of-origin', 'US', 75)]);
    await client.waitFor(() => client.events.length === 2, 'the state after the offer');
    await postEvents(f.server.url, [offer('mx-dairy', NAFTA, 'dairy', 'MX')]);
    const { lastPosition: ca } = await postEvents(f.server.url, [offer('ca-62', NAFTA, 'auto-rules-of-origin', 'CA', 62)]);
    await client.waitFor(() => client.events.length === 3, 'the state after the second offer');

    // The next state after each offer is that offer's: nothing came in between for the other events.
    expect(states(client).map((s) => [s.id, s.state.eventCount, Object.keys(s.state.positions).sort()])).toEqual([
      ['2', 1, ['MX']],
      [String(us), 2, ['MX', 'US']],
      [String(ca), 3, ['CA', 'MX', 'US']],
    ]);
  });

  it('given a fixed asOf, then an offer dated after it changes nothing and one dated before it emits the new state', async () => {
    f.server = await startParley(f.store.db);
    await postEvents(f.server.url, [offer('mx-70', NAFTA, 'auto-rules-of-origin', 'MX', 70, '2018-03-01')]);
    const client = await f.open(`${STATE}?asOf=2018-05-01`);
    await client.waitFor(() => client.events.length === 1, 'the current state');
    await postEvents(f.server.url, [offer('us-later', NAFTA, 'auto-rules-of-origin', 'US', 75, '2018-05-24')]);
    const { lastPosition: earlier } = await postEvents(f.server.url, [offer('ca-earlier', NAFTA, 'auto-rules-of-origin', 'CA', 62, '2018-04-15')]);
    await client.waitFor(() => client.events.length === 2, 'the state after the earlier offer');
    expect(states(client).map((s) => [s.id, s.state.asOf, Object.keys(s.state.positions).sort()])).toEqual([
      ['1', '2018-05-01', ['MX']],
      [String(earlier), '2018-05-01', ['CA', 'MX']],
    ]);
  });

  it('given the default asOf (today), when the day changes, then the state as of the new day follows', async () => {
    const clock = fixedClock('2018-05-20T23:58:00Z');
    f.server = await startParley(f.store.db, { PARLEY_SSE_DAY_CHECK_MS: '20' }, clock);
    await postEvents(f.server.url, [offer('mx-today', NAFTA, 'auto-rules-of-origin', 'MX', 70, '2018-05-20'), offer('us-tomorrow', NAFTA, 'auto-rules-of-origin', 'US', 75, '2018-05-21')]);
    const client = await f.open(STATE);
    await client.waitFor(() => client.events.length === 1, 'the current state');
    clock.set('2018-05-21T00:01:00Z');
    await client.waitFor(() => client.events.length === 2, 'the state of the new day');
    expect(states(client).map((s) => [s.state.asOf, Object.keys(s.state.positions).sort()])).toEqual([
      ['2018-05-20', ['MX']],
      ['2018-05-21', ['MX', 'US']],
    ]);
  });

  it.each([
    [`/subscriptions/negotiations/${NAFTA}/issues/no-such-issue/state`, 'no-such-issue'],
    ['/subscriptions/negotiations/no-such-talks/issues/auto-rules-of-origin/state', 'no-such-talks'],
  ])('given %s, then the usual 404 error before any stream starts', async (path, name) => {
    f.server = await startParley(f.store.db);
    await postEvents(f.server.url, [offer('mx-70', NAFTA, 'auto-rules-of-origin', 'MX')]);
    const client = await f.open(path);
    expect(client.status).toBe(404);
    expect(JSON.parse(await client.body())).toMatchObject({ error: { code: 'not_found', details: { name } } });
  });
});
