import { startTestServer, TestServer } from '../support/http-server';
import { runParley } from '../support/run-cli';

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of cells. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    }
    else cell += c;
  }
  return rows;
};

const records = (text: string): Record<string, string>[] => {
  const [header, ...rows] = parseCsv(text);
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
};

const ROUTES = [
  '/negotiations/nafta-renegotiation/issues/auto-rules-of-origin?asOf=2018-05-25',
  '/negotiations/nafta-renegotiation/issues/auto-rules-of-origin/replay',
  '/negotiations/nafta-renegotiation/issues/auto-rules-of-origin/diff?from=2018-01-01&to=2018-12-31',
  '/tariffs?asOf=2018-06-15&target=MX',
  '/probes?asOf=2018-05-23',
  '/timeline?negotiation=nafta-renegotiation',
];

describe('CSV exports of the answers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close({ keepFiles: false }));

  it.each(ROUTES)('given %s, then format=csv and Accept: text/csv give the same rectangular CSV and plain requests stay JSON', async (route) => {
    const sep = route.includes('?') ? '&' : '?';
    const [byFormat, byAccept, json] = await Promise.all([
      server.get(`${route}${sep}format=csv`),
      server.get(route, { accept: 'text/csv' }),
      server.get(route),
    ]);
    expect(byFormat.status).toBe(200);
    expect(byFormat.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(byAccept.text).toBe(byFormat.text);
    expect(json.headers.get('content-type')).toMatch(/json/);
    const rows = records(byFormat.text);
    expect(rows.length).toBeGreaterThan(0);
    expect(parseCsv(byFormat.text).every((cells) => cells.length === parseCsv(byFormat.text)[0].length)).toBe(true);
  });

  it('given the issue state on 2018-05-25, then each position row carries its key, scope, confidence and source', async () => {
    const answer = (await server.get(ROUTES[0])).body;
    const rows = records((await server.get(`${ROUTES[0]}&format=csv`)).text).filter((r) => r.kind === 'position');
    const expected = Object.entries(answer.positions as Record<string, Record<string, any>>).flatMap(([party, terms]) =>
      Object.entries(terms).map(([key, t]) => ({ party, key, scope: t.scope ?? '', confidence: t.confidence, event_id: t.eventId, quote: t.source.quote ?? '' })),
    );
    expect(rows.map((r) => ({ party: r.party, key: r.key, scope: r.scope, confidence: r.confidence, event_id: r.event_id, quote: r.quote }))).toEqual(expected);
    expect(Object.keys(rows[0]).slice(0, 10)).toEqual(['negotiation', 'issue', 'as_of', 'known_at', 'status', 'kind', 'party', 'key', 'metric', 'scope']);
    expect(Object.keys(rows[0]).slice(-8)).toEqual(['event_id', 'confidence', 'publisher', 'title', 'url', 'document', 'published_at', 'quote']);
  });

  it('given an unknown format, then it is refused naming the parameter', async () => {
    const response = await server.get('/tariffs?format=xml');
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ field: 'format', message: 'expected csv or json, got "xml"' }]);
  });

  it('given format=csv for a negotiation that does not exist or a bad day, then the error is still the JSON error shape', async () => {
    for (const route of ['/negotiations/no-such-talks/issues/auto-rules-of-origin?format=csv', '/tariffs?asOf=2018-02-30&format=csv']) {
      const response = await server.get(route, { accept: 'text/csv' });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(response.text)).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
    }
  });

  it('given the same question from the CLI with --csv, then it prints the same CSV as the API', async () => {
    await server.close({ keepFiles: true });
    try {
      const cli = await runParley(['tariffs', '--as-of', '2018-06-15', '--target', 'MX', '--known-at', '2024-01-01T00:00:00Z', '--csv', '--db', server.dbFile]);
      expect(cli.status).toBe(0);
      server = await startTestServer();
      const http = await server.get('/tariffs?asOf=2018-06-15&target=MX&knownAt=2024-01-01T00:00:00Z&format=csv');
      expect(cli.stdout).toBe(http.text);
    } finally {
      server.removeFiles();
    }
  });
});
