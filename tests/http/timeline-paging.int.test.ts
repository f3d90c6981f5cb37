import { startTestServer, TestServer } from '../support/http-server';

describe('GET /timeline in pages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const ids = (body: { entries: Array<{ event: { id: string } }> }) => body.entries.map((e) => e.event.id);

  it('given limit, when the pages are followed by their cursors, then together they are the whole timeline, in order, once', async () => {
    const whole = (await server.get('/timeline?negotiation=nafta-renegotiation')).body;
    expect(whole.next).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: any } = await server.get(`/timeline?negotiation=nafta-renegotiation&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(7);
      seen.push(...ids(page.body));
      cursor = page.body.next;
      pages++;
    } while (cursor !== null);
    expect(seen).toEqual(ids(whole));
    expect(pages).toBe(Math.ceil(whole.entries.length / 7));
  });

  it('given a cursor, when an event is recorded earlier in the timeline, then the next page still starts where the last one ended', async () => {
    const first = (await server.get('/timeline?negotiation=nafta-renegotiation&limit=5')).body;
    const expected = ids((await server.get(`/timeline?negotiation=nafta-renegotiation&limit=5&cursor=${first.next}`)).body);
    const early = { id: 'paging-early-statement', type: 'StatementIssued', negotiation: 'nafta-renegotiation', party: 'MX', occurredAt: '2017-01-02', data: { speaker: 'Someone', quote: 'Early words' } };
    expect((await server.post('/events', early)).status).toBe(201);
    expect(ids((await server.get(`/timeline?negotiation=nafta-renegotiation&limit=5&cursor=${first.next}`)).body)).toEqual(expected);
    expect(ids((await server.get('/timeline?negotiation=nafta-renegotiation&limit=5')).body)).toContain('paging-early-statement');
  });

  it.each([
    ['cursor', 'cursor=not-a-cursor'],
    ['limit', 'limit=0'],
    ['limit', 'limit=5000'],
  ])('given a bad %s, then the request is refused naming it', async (field, query) => {
    const response = await server.get(`/timeline?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });
});
