import { offer, postEvents, startParley, statement, sseFixture } from './harness';

describe('stream lifecycle: heartbeats, shutdown, request errors', () => {
  const f = sseFixture();

  it('given an idle stream, then heartbeat comments keep it visibly alive', async () => {
    f.server = await startParley(f.store.db, { PARLEY_SSE_HEARTBEAT_MS: '50' });
    const client = await f.open('/subscriptions/events');
    await client.waitFor(() => client.comments.filter((c) => c === 'heartbeat').length >= 2, 'two heartbeats');
    expect(client.events).toEqual([]);
  });

  it('given open event and state streams (one of them stalled), when the server shuts down, then app.close() ends every stream, each with a final message', async () => {
    f.server = await startParley(f.store.db);
    await postEvents(f.server.url, [offer('o-1', 'nafta-renegotiation', 'auto-rules-of-origin', 'MX')]);
    const events = await f.open('/subscriptions/events?fromPosition=0');
    const state = await f.open('/subscriptions/negotiations/nafta-renegotiation/issues/auto-rules-of-origin/state');
    const stalled = await f.open('/subscriptions/events');
    await Promise.all([events.waitForComment('caught-up'), stalled.waitForComment('caught-up'), state.waitFor(() => state.events.length === 1, 'the state')]);
    stalled.stall();
    const big = Array.from({ length: 100 }, (_, k) => statement(`big-${k}`, 'nafta-renegotiation', 'MX', ''.padEnd(10_000, 'x')));
    for (let i = 0; i < 10; i++) await postEvents(f.server.url, big.map((e) => ({ ...e, id: `${e.id}-${i}` })));

    await f.server.app.close();
    f.server = undefined;
    await Promise.all([events.closed, state.closed]);
    for (const client of [events, state]) expect(client.events[client.events.length - 1]).toMatchObject({ event: 'shutdown' });
    const final = JSON.parse(events.events[events.events.length - 1].data) as { reason: string; resumeFrom: number };
    expect(final).toEqual({ reason: 'the server is shutting down', resumeFrom: Number(events.lastEventId) });
    stalled.resume();
    await stalled.closed;
  });

  it.each([
    ['/subscriptions/events?fromPosition=abc', {}, 'fromPosition'],
    ['/subscriptions/events?type=Offer', {}, 'type'],
    ['/subscriptions/events?name=no%20spaces', {}, 'name'],
    ['/subscriptions/events?colour=red', {}, 'colour'],
    ['/subscriptions/events', { 'Last-Event-ID': 'x1' }, 'Last-Event-ID'],
    ['/subscriptions/negotiations/nafta-renegotiation/issues/auto-rules-of-origin/state?asOf=2018-13', {}, 'asOf'],
  ])('given %s, then a 400 in the error shape names the parameter before any stream starts', async (path, headers, field) => {
    f.server = await startParley(f.store.db);
    await postEvents(f.server.url, [offer('o-1', 'nafta-renegotiation', 'auto-rules-of-origin', 'MX')]);
    const client = await f.open(path, headers as Record<string, string>);
    expect(client.status).toBe(400);
    expect(client.response.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(await client.body()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain(field);
  });
});
