import { startTestServer, TestServer } from '../support/http-server';

const statement = (quote: string, extra: Record<string, unknown> = {}) => ({
  type: 'StatementIssued', negotiation: 'nafta-renegotiation', occurredAt: '2018-05-24', data: { speaker: 'a', quote }, ...extra,
});

describe('inputs are refused by name; POST answers say what was stored', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());

  it.each([
    '/timeline?negotiation=nafta-renegotiation&knownAt=2018-02-30T00:00:00Z',
    '/negotiations/nafta-renegotiation?knownAt=2018-06-31T12:00:00%2B02:00',
  ])('given an impossible calendar day in knownAt (%s), then 400 names knownAt instead of rolling it over', async (path) => {
    const { status, body } = await server.get(path);
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'knownAt', message: expect.stringMatching(/is not a day of the calendar/) })]);
  });

  it.each(['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.org/x'])(
    'given a source URL %s, then 400 names source.url and nothing is written',
    async (url) => {
      const before = await server.snapshot();
      const { status, body } = await server.post('/events', statement('x', { source: { publisher: 'p', url } }));
      expect(status).toBe(400);
      expect(body.error.details).toEqual([expect.objectContaining({ path: 'source.url', message: 'expected an http or https URL' })]);
      expect(await server.snapshot()).toEqual(before);
    },
  );

  it.each([
    ['/negotiations/Not%20A%20Slug', 'negotiation'],
    ['/negotiations/nafta-renegotiation/issues/BAD!', 'issue'],
    [`/events/${'x'.repeat(200)}`, 'id'],
  ])('given a malformed path parameter (%s), then 400 names the parameter %s', async (path, field) => {
    const { status, body } = await server.get(path);
    expect(status).toBe(400);
    expect(body.error.details[0].field).toBe(field);
  });

  it('given events without ids, when POSTed, then the answer lists each id and position in order, and a retry with those ids stores nothing twice', async () => {
    const first = await server.post('/events', [statement('one'), statement('two')]);
    expect(first.status).toBe(201);
    expect(first.body.events).toEqual([
      { id: expect.any(String), position: first.body.firstPosition },
      { id: expect.any(String), position: first.body.lastPosition },
    ]);
    const retry = await server.post('/events', [statement('one', { id: first.body.events[0].id }), statement('two', { id: first.body.events[1].id })]);
    expect(retry.body).toMatchObject({ appended: 0, duplicates: 2, events: first.body.events });
  });

  it('given an NDJSON body (application/x-ndjson), then every line is recorded as one batch; a broken line is named and nothing is written', async () => {
    const ndjson = [statement('n1'), statement('n2')].map((e) => JSON.stringify(e)).join('\n') + '\n';
    const ok = await server.request('POST', '/events', { body: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
    expect(ok.status).toBe(201);
    expect(ok.body.appended).toBe(2);
    const before = await server.snapshot();
    const broken = await server.request('POST', '/events', { body: `${JSON.stringify(statement('n3'))}\n{"type":`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'invalid_json', message: expect.stringMatching(/^line 2: /) });
    expect(await server.snapshot()).toEqual(before);
  });

  it('given a body that is not valid UTF-8, then 400 invalid_json says so (not "body size did not match Content-Length") and nothing is written', async () => {
    const before = await server.snapshot();
    const bytes = Buffer.concat([Buffer.from('{"type":"StatementIssued","data":{"quote":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')]);
    const response = await fetch(`${server.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid_json', message: 'the request body is not valid UTF-8' });
    expect(await server.snapshot()).toEqual(before);
  });
});
