import { startTestServer, TestServer } from '../support/http-server';

const statement = (i: number, negotiation = 'big') => ({ id: `big-${negotiation}-${i}`, type: 'StatementIssued', negotiation, occurredAt: '2020-01-01', data: { speaker: 'a', quote: `quote ${i}` } });
const batch = (n: number, negotiation?: string) => Array.from({ length: n }, (_, i) => statement(i, negotiation));

/** Bodies from 1 MiB on are decoded, parsed, validated, recorded and answered in slices. */
describe('POST /events with a batch of several MiB', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer({ loadBundledHistory: false })));
  afterAll(() => server.close());
  const head = async (): Promise<number> => {
    const position = (await server.get('/health')).body.store.headPosition;
    expect(typeof position).toBe('number');
    return position;
  };

  it('given 12 000 events as a bare array (> 1 MiB), when posted, then all are recorded and the answer lists each id and position in order', async () => {
    const events = batch(12_000, 'array');
    expect(JSON.stringify(events).length).toBeGreaterThan(1 << 20);
    const answer = await server.post('/events', events);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ appended: 12_000, duplicates: 0, firstPosition: 1, lastPosition: 12_000 });
    expect(answer.body.events).toHaveLength(12_000);
    expect(answer.body.events[11_999]).toEqual({ id: 'big-array-11999', position: 12_000 });
    expect((await server.get('/events/big-array-6000')).body).toMatchObject({ position: 6_001, data: { quote: 'quote 6000' } });
  });

  it('given the same events again inside an envelope with expectedRevision, then they are all duplicates, each answered with its stored position', async () => {
    const answer = await server.post('/events', { events: batch(12_000, 'array'), expectedRevision: 11_999 });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ appended: 0, duplicates: 12_000 });
    expect(answer.body.events[5]).toEqual({ id: 'big-array-5', position: 6 });
  });

  it('given 12 000 events as NDJSON, then all are recorded', async () => {
    const ndjson = batch(12_000, 'ndjson').map((e) => JSON.stringify(e)).join('\n');
    const answer = await server.request('POST', '/events', { body: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
    expect(answer.status).toBe(201);
    expect(answer.body.appended).toBe(12_000);
  });

  it('given a large body with one broken event, then the answer is 400 invalid_json naming that event and its position, and nothing is written', async () => {
    const before = await head();
    const text = JSON.stringify(batch(12_000, 'broken'));
    const at = text.indexOf('{"id":"big-broken-7000"');
    const broken = `${text.slice(0, at)}{"id":"big-broken-7000",}${text.slice(text.indexOf('},{"id":"big-broken-7001"') + 1)}`;
    const answer = await server.request('POST', '/events', { body: broken, headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_json');
    expect(answer.body.error.message).toContain(`event #7000 (from position ${at})`);
    expect(await head()).toBe(before);
  });

  it.each([
    ['a bare array', (text: string) => text, '[7000].data.quote'],
    ['an envelope', (text: string) => `{"events":${text}}`, 'events[7000].data.quote'],
  ])('given a large body as %s with a lone surrogate escape in one event, then the answer is 400 naming its path as a small body would, and nothing is written', async (_, wrap, path) => {
    const before = await head();
    const withSurrogate = (events: object[]) => wrap(JSON.stringify(events).replace('"quote 7000"', '"quote \\ud800 7000"'));
    // The same event at the same index, in a body parsed whole (under 1 MiB) and in one parsed in slices.
    const whole = withSurrogate(Array.from({ length: 7_001 }, (_, i) => ({ ...statement(i, 'whole'), data: { speaker: 'a', quote: i === 7_000 ? 'quote 7000' : 'q' } })));
    const sliced = withSurrogate(batch(12_000, 'surrogate'));
    expect(whole.length).toBeLessThan(1 << 20);
    expect(sliced.length).toBeGreaterThan(1 << 20);
    const small = await server.request('POST', '/events', { body: whole, headers: { 'content-type': 'application/json' } });
    const answer = await server.request('POST', '/events', { body: sliced, headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_json');
    expect(answer.body.error.message).toContain(`${path} holds a lone UTF-16 surrogate escape`);
    expect(small.body.error.message.split(' holds')[0]).toBe(path);
    expect(await head()).toBe(before);
  });

  it('given a large body nesting deeper than 64 levels, then the answer is 400 and nothing is written', async () => {
    const before = await head();
    const deep = JSON.stringify([...batch(12_000, 'deep'), { data: JSON.parse(`${'['.repeat(70)}${']'.repeat(70)}`) }]);
    const answer = await server.request('POST', '/events', { body: deep, headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('more than 64 levels');
    expect(await head()).toBe(before);
  });
});
