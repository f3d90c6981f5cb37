import { startTestServer, TestServer } from '../support/http-server';
import { documentedSchemaOf } from '../support/openapi-validator';

const NAFTA = 'nafta-renegotiation';
const AUTO = 'auto-rules-of-origin';
const REPLAY = `/negotiations/${NAFTA}/issues/${AUTO}/replay`;

/** Follows `next` from the first page to the last, collecting what `itemsOf` takes from each page. */
const followPages = async <T>(
  server: TestServer,
  route: string,
  limit: number,
  itemsOf: (body: any) => T[],
  from: string | null = null,
): Promise<{ items: T[]; pages: any[] }> => {
  const items: T[] = [];
  const pages: any[] = [];
  let cursor = from;
  const sep = route.includes('?') ? '&' : '?';
  do {
    const page: { status: number; body: any } = await server.get(`${route}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    expect(itemsOf(page.body).length).toBeLessThanOrEqual(limit);
    items.push(...itemsOf(page.body));
    pages.push(page.body);
    // A paged answer always says where the next page is (null: nowhere), so this loop ends.
    expect(typeof page.body.next === 'string' || page.body.next === null).toBe(true);
    cursor = page.body.next;
  } while (cursor !== null);
  return { items, pages };
};

const launch = (negotiation: string) => ({
  id: `launch-${negotiation}`,
  type: 'NegotiationLaunched',
  negotiation,
  party: 'US',
  occurredAt: '2026-01-05',
  source: { publisher: 'Test Wire', quote: 'launched' },
  data: { title: `Talks ${negotiation}`, parties: ['US', 'MX'] },
});

describe('list routes in pages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** The unpaged CSV's rows, and the rows of its pages of `limit` followed by their Link headers (the header row checked on each). */
  const followCsv = async (route: string, limit: number): Promise<{ rows: string[]; whole: string[]; pages: number }> => {
    const [head, ...whole] = (await server.get(route)).text.trimEnd().split('\r\n');
    const rows: string[] = [];
    let url: string | undefined = `${route}&limit=${limit}`;
    let pages = 0;
    while (url !== undefined) {
      const page: { headers: Headers; text: string } = await server.get(url);
      expect(page.headers.get('content-type')).toMatch(/text\/csv/);
      const [header, ...body] = page.text.trimEnd().split('\r\n');
      expect(header).toBe(head);
      rows.push(...body);
      url = /^<([^>]+)>; rel="next"$/.exec(page.headers.get('link') ?? '')?.[1];
      pages++;
    }
    return { rows, whole, pages };
  };

  it('given the timeline as CSV with limit, when the Link headers are followed, then the pages are the unpaged CSV rows', async () => {
    const { rows, whole, pages } = await followCsv(`/timeline?negotiation=${NAFTA}&knownAt=2025-01-01&format=csv`, 10);
    expect(rows).toEqual(whole);
    expect(pages).toBeGreaterThan(1);
  });

  describe('GET /negotiations', () => {
    const names = (body: { negotiations: Array<{ negotiation: string }> }) => body.negotiations.map((n) => n.negotiation);

    it('given no limit, when the list is asked, then the answer is the list alone, as before paging existed', async () => {
      const { status, body } = await server.get('/negotiations');
      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual(['negotiations']);
      expect(body.negotiations.length).toBeGreaterThan(2);
    });

    it('given limit, when the pages are followed by their cursors, then together they are the unpaged list, in order, once', async () => {
      const whole = (await server.get('/negotiations')).body;
      const { items, pages } = await followPages(server, '/negotiations', 2, (body) => body.negotiations);
      expect(items).toEqual(whole.negotiations);
      expect(pages).toHaveLength(Math.ceil(whole.negotiations.length / 2));
      expect(pages[pages.length - 1].next).toBeNull();
    });

    it('given a cursor, when negotiations are launched before and after it, then the next page neither repeats nor skips one that existed', async () => {
      const existing = names((await server.get('/negotiations')).body);
      const first = (await server.get('/negotiations?limit=2')).body;
      const last = names(first)[1];
      // Sorts before the cursor (never seen by this client), and after every existing name.
      expect((await server.post('/events', [launch('aaa-paging-talks'), launch('zzz-paging-talks')])).status).toBe(201);
      const { items } = await followPages(server, '/negotiations', 2, names, first.next);
      expect(items).toEqual([...existing.filter((n) => n > last), 'zzz-paging-talks']);
    });

    it.each([
      ['limit', 'limit=0'],
      ['limit', 'limit=1001'],
      ['limit', 'limit=two'],
      ['cursor', 'cursor=not-a-cursor'],
      ['cursor', `cursor=${Buffer.from('webhooks|2026-05-01T00:00:00.000Z|wh_1').toString('base64url')}`],
    ])('given a bad %s (%s), then the request is refused naming it', async (field, query) => {
      const response = await server.get(`/negotiations?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
    });
  });

  describe('GET …/issues/:issue/replay', () => {
    const eventIds = (body: { steps: Array<{ event: { event: { id: string } } }> }) => body.steps.map((s) => s.event.event.id);

    it('given limit, when the pages are followed, then together they are the unpaged replay, step for step, and each page says its first step', async () => {
      const whole = (await server.get(`${REPLAY}?knownAt=2025-01-01`)).body;
      expect(whole.next).toBeUndefined();
      expect(whole.steps.length).toBeGreaterThan(6);
      const { items, pages } = await followPages(server, `${REPLAY}?knownAt=2025-01-01`, 4, (body) => body.steps);
      expect(items).toEqual(whole.steps);
      expect(pages.map((p) => p.firstStep)).toEqual(pages.map((_, i) => 1 + 4 * i));
    });

    it('given limit and format=csv, when the Link headers are followed, then the pages are the unpaged CSV rows with the same step numbers', async () => {
      const { rows, whole, pages } = await followCsv(`${REPLAY}?knownAt=2025-01-01&format=csv`, 3);
      expect(rows).toEqual(whole);
      expect(pages).toBeGreaterThan(2);
    });

    it('given a cursor, when an event is recorded earlier in the issue, then the next page still starts where the last one ended', async () => {
      const first = (await server.get(`${REPLAY}?limit=3`)).body;
      const expected = eventIds((await server.get(`${REPLAY}?limit=3&cursor=${first.next}`)).body);
      const early = {
        id: 'paging-early-autos-statement', type: 'StatementIssued', negotiation: NAFTA, issue: AUTO, party: 'MX', occurredAt: '2017-01-03',
        source: { publisher: 'Test Wire', quote: 'Early words' }, data: { speaker: 'Someone', quote: 'Early words' },
      };
      expect((await server.post('/events', early)).status).toBe(201);
      expect(eventIds((await server.get(`${REPLAY}?limit=3&cursor=${first.next}`)).body)).toEqual(expected);
      expect(eventIds((await server.get(`${REPLAY}?limit=3`)).body)).toContain('paging-early-autos-statement');
    });

    it.each([
      ['limit', 'limit=-1'],
      ['cursor', 'cursor=%25%25%25'],
      ['cursor', `cursor=${Buffer.from('2018-05-01|12').toString('base64url')}`],
    ])('given a bad %s (%s), then the request is refused naming it', async (field, query) => {
      const response = await server.get(`${REPLAY}?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
    });
  });

  it('given the published document, when paged and unpaged answers of these routes are checked against it, then each fits its documented schema', async () => {
    const fits = documentedSchemaOf((await server.get('/openapi.json')).body);
    for (const [route, url] of [
      ['/negotiations', '/negotiations'],
      ['/negotiations', '/negotiations?limit=1'],
      ['/negotiations/{negotiation}/issues/{issue}/replay', REPLAY],
      ['/negotiations/{negotiation}/issues/{issue}/replay', `${REPLAY}?limit=2`],
    ]) {
      const res = await server.get(url);
      expect({ url, status: res.status, problems: fits(route, 'get', '200', res.body) }).toEqual({ url, status: 200, problems: [] });
    }
    expect(fits('/negotiations', 'get', '200', { negotiations: [], next: 3 })).not.toEqual([]);
  });
});
