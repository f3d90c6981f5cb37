import { startTestServer, TestServer } from '../support/http-server';
import { HostileCase, rawRequest, runHostileCase, tableRows, tally, verdictCounts, Verdict } from '../support/hostile-input';

/**
 * The red-team report's 106 hand-built read inputs (section 3: GET /events, /timeline, the other
 * GET routes, the static web routes), one table row each, against one server with the bundled
 * history. A refused read is a 4xx in the error shape naming the parameter; nothing is ever written.
 */

const NAFTA = 'nafta-renegotiation';
const AUTO = 'auto-rules-of-origin';
const ISSUE = `/negotiations/${NAFTA}/issues/${AUTO}`;
let URL_PLACEHOLDER = 'http://127.0.0.1:1';

const q = (params: Record<string, string> | Array<[string, string]>) => new URLSearchParams(params).toString();
const get = (cls: string, verdict: Verdict, name: string, path: string, names?: string | RegExp, extra: Partial<HostileCase> = {}): HostileCase => ({
  cls,
  name,
  verdict,
  request: { path },
  names,
  ...extra,
});

// ---------------------------------------------------------------------------------------------
const EVENTS = 'GET /events';
const events = (params: Record<string, string> | Array<[string, string]>) => `/events?${q(params)}`;
const badLimit = (value: string) => get(EVENTS, 'must-reject', `limit=${JSON.stringify(value)}`, events({ limit: value }), '"limit"');
const badFrom = (value: string) => get(EVENTS, 'must-reject', `fromPosition=${JSON.stringify(value)}`, events({ fromPosition: value }), '"fromPosition"');
const eventsCases: HostileCase[] = [
  badLimit('-1'),
  badLimit('0'),
  badLimit('1001'),
  badLimit('abc'),
  badLimit('1.5'),
  badLimit('1; DROP TABLE events'),
  badLimit('1e20'),
  badLimit(''),
  get(EVENTS, 'either', 'limit=1e3 (read as 1000)', events({ limit: '1e3' })),
  get(EVENTS, 'either', 'limit=0x10 (read as 16)', events({ limit: '0x10' })),
  get(EVENTS, 'either', 'limit=" 5" (read as 5)', events({ limit: ' 5' })),
  get(EVENTS, 'accept', 'limit=1000', events({ limit: '1000' })),
  badFrom('-1'),
  badFrom('abc'),
  badFrom('9223372036854775808'),
  badFrom('1e23'),
  badFrom('1e5'),
  badFrom("0' OR '1'='1"),
  badFrom('1.0'),
  get(EVENTS, 'accept', 'fromPosition=0', events({ fromPosition: '0' })),
  get(EVENTS, 'must-reject', 'negotiation with SQL', events({ negotiation: "x' OR '1'='1" }), '"negotiation"'),
  get(EVENTS, 'must-reject', 'negotiation in upper case', events({ negotiation: 'NAFTA' }), '"negotiation"'),
  get(EVENTS, 'must-reject', 'negotiation ../..', events({ negotiation: '../..' }), '"negotiation"'),
  get(EVENTS, 'must-reject', 'negotiation of 200 characters', events({ negotiation: 'n'.repeat(200) }), '"negotiation"'),
  get(EVENTS, 'must-reject', 'negotiation NUL', events({ negotiation: '\u0000' }), '"negotiation"'),
  get(EVENTS, 'must-reject', 'issue with SQL', events({ issue: `${AUTO}' --` }), '"issue"'),
  get(EVENTS, 'must-reject', 'type unknown', events({ type: 'OfferWithdrawn' }), '"type'),
  get(EVENTS, 'must-reject', 'type list with one unknown', events({ type: 'OfferMade,Bogus' }), '"type'),
  get(EVENTS, 'must-reject', 'party not a country', events({ party: 'ZZ' }), '"party"'),
  get(EVENTS, 'must-reject', 'party a country code in lower case', events({ party: 'mx' }), /"party".*MX/),
  get(EVENTS, 'must-reject', 'an unknown parameter', events({ foo: '1' }), '"foo"'),
  get(EVENTS, 'must-reject', 'limit given twice', events([['limit', '5'], ['limit', '6']]), '"limit"'),
  get(EVENTS, 'must-reject', 'minConfidence (a parameter of other routes)', events({ minConfidence: 'confirmed' }), '"minConfidence"'),
  get(EVENTS, 'must-reject', 'fromPosition given twice', events([['fromPosition', '1'], ['fromPosition', '2']]), '"fromPosition"'),
];

// ---------------------------------------------------------------------------------------------
const TIMELINE = 'GET /timeline';
const timeline = (params: Record<string, string>) => `/timeline?${q({ negotiation: NAFTA, ...params })}`;
const badTimeline = (param: string, value: string) => get(TIMELINE, 'must-reject', `${param}=${JSON.stringify(value)}`, timeline({ [param]: value }), `"${param}"`);
const timelineCases: HostileCase[] = [
  badTimeline('from', '2018-02-30'),
  badTimeline('from', 'yesterday'),
  badTimeline('to', '2018-13'),
  badTimeline('to', "2018' OR 1=1"),
  badTimeline('knownAt', '2018-02-30T00:00:00Z'),
  badTimeline('knownAt', '2018-06-31T12:00:00+02:00'),
  badTimeline('knownAt', '2018-06-01T12:00:00'),
  badTimeline('knownAt', 'now'),
  badTimeline('knownAt', "' OR 1=1"),
  badTimeline('knownAt', '2018-06-01T25:00:00Z'),
  badTimeline('negotiation', 'NAFTA'),
  badTimeline('minConfidence', 'sure'),
  get(TIMELINE, 'accept', 'from=2018-01&to=2018-06', timeline({ from: '2018-01', to: '2018-06' })),
  get(TIMELINE, 'accept', 'knownAt with an offset', timeline({ knownAt: '2018-06-01T12:00:00+02:00' })),
  get(TIMELINE, 'accept', 'knownAt a day', timeline({ knownAt: '2018-06-01' })),
];

// ---------------------------------------------------------------------------------------------
const OTHER = 'other GET routes';
const reject = (name: string, path: string, names: string | RegExp, extra: Partial<HostileCase> = {}) => get(OTHER, 'must-reject', name, path, names, extra);
const sse = (name: string, path: string, names: string | RegExp, headers: Record<string, string> = {}): HostileCase => ({
  cls: OTHER,
  name,
  verdict: 'must-reject',
  request: { path, headers },
  names,
});
const otherCases: HostileCase[] = [
  reject('negotiation asOf 2018-02-30', `/negotiations/${NAFTA}?asOf=2018-02-30`, '"asOf"'),
  reject('negotiation knownAt 2018-02-30', `/negotiations/${NAFTA}?knownAt=2018-02-30T00:00:00Z`, '"knownAt"'),
  reject('negotiation minConfidence high', `/negotiations/${NAFTA}?minConfidence=high`, '"minConfidence"'),
  reject('issue asOf 2018-13', `${ISSUE}?asOf=2018-13`, '"asOf"'),
  reject('issue knownAt 2019-02-29', `${ISSUE}?knownAt=2019-02-29T00:00:00Z`, '"knownAt"'),
  reject('issue asOf given twice', `${ISSUE}?asOf=2018-05-24&asOf=2018-06-01`, '"asOf"'),
  reject('replay from a word', `${ISSUE}/replay?from=last-year`, '"from"'),
  reject('replay to 2018-02-30', `${ISSUE}/replay?to=2018-02-30`, '"to"'),
  reject('replay knownAt without a time zone', `${ISSUE}/replay?knownAt=2018-06-01T12:00:00`, '"knownAt"'),
  reject('replay an unknown parameter', `${ISSUE}/replay?step=3`, '"step"'),
  reject('diff without from and to', `${ISSUE}/diff`, '"from"'),
  reject('diff from 2018-02-30', `${ISSUE}/diff?from=2018-02-30&to=2018-06`, '"from"'),
  reject('diff to a word', `${ISSUE}/diff?from=2018-01&to=later`, '"to"'),
  reject('negotiation path in upper case', '/negotiations/NAFTA', '"negotiation"'),
  reject('negotiation path with SQL', `/negotiations/${encodeURIComponent("x' OR 1=1--")}`, '"negotiation"'),
  reject('negotiation path ../../etc/passwd', '/negotiations/..%2F..%2Fetc%2Fpasswd', '"negotiation"'),
  reject('issue path ../../etc', `/negotiations/${NAFTA}/issues/..%2F..%2Fetc`, '"issue"'),
  reject('negotiation path of 600 characters', `/negotiations/${'n'.repeat(600)}`, '"negotiation"'),
  reject('a negotiation that does not exist', '/negotiations/no-such-negotiation', 'no-such-negotiation', { status: 404 }),
  reject('an issue that does not exist', `/negotiations/${NAFTA}/issues/no-such-issue`, 'no-such-issue', { status: 404 }),
  reject('tariffs target not a country', '/tariffs?target=ZZ', '"target"'),
  reject('tariffs target a country code in lower case', '/tariffs?target=mx', /"target".*MX/),
  reject('tariffs asOf a word', '/tariffs?asOf=today', '"asOf"'),
  reject('probes negotiation in upper case', '/probes?negotiation=NAFTA', '"negotiation"'),
  reject('probes knownAt 2018-06-31', `/probes?${q({ knownAt: '2018-06-31T12:00:00+02:00' })}`, '"knownAt"'),
  reject('deadlines asOf 2018-02-30', '/deadlines?asOf=2018-02-30', '"asOf"'),
  reject('event id of 129 characters', `/events/${'x'.repeat(129)}`, '"id"'),
  reject('event id of 5 000 characters', `/events/${'x'.repeat(5000)}`, '"id"'),
  reject('event id NUL', '/events/%00', '"id"'),
  reject('event id ../../etc/passwd (an id that does not exist)', '/events/..%2F..%2Fetc%2Fpasswd', '../../etc/passwd', { status: 404 }),
  sse('SSE fromPosition a word', '/subscriptions/events?fromPosition=abc', '"fromPosition"'),
  sse('SSE type unknown', '/subscriptions/events?type=Bogus', '"type'),
  sse('SSE name of 300 characters', `/subscriptions/events?name=${'n'.repeat(300)}`, '"name"'),
  sse('SSE Last-Event-ID a word', '/subscriptions/events', 'Last-Event-ID', { 'last-event-id': 'abc' }),
  sse('SSE issue state with a bad negotiation', `/subscriptions/negotiations/NAFTA/issues/${AUTO}/state`, '"negotiation"'),
  get(OTHER, 'accept', 'negotiation asOf a day', `/negotiations/${NAFTA}?asOf=2018-05-24`),
  get(OTHER, 'accept', 'issue knownAt a day', `${ISSUE}?knownAt=2024-06-01`),
];

// ---------------------------------------------------------------------------------------------
const STATIC = 'static web routes';
const notServed = (name: string, path: string): HostileCase => get(STATIC, 'must-reject', name, path, 'not_found', { status: 404 });
/** Sent byte for byte: fetch would resolve the dots before sending. */
const notServedRaw = (name: string, path: string): HostileCase => ({
  cls: STATIC,
  name,
  verdict: 'must-reject',
  request: { raw: () => rawRequest(URL_PLACEHOLDER, `GET ${path} HTTP/1.1\r\nHost: {host}\r\nConnection: close`) },
  names: /not_found|invalid_request/,
});
const staticCases: HostileCase[] = [
  notServed('..%2F..%2Fetc%2Fpasswd', '/..%2F..%2Fetc%2Fpasswd'),
  notServed('%2e%2e/%2e%2e/etc/passwd', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd'),
  notServed('..%5c..%5cetc%5cpasswd', '/..%5c..%5cetc%5cpasswd'),
  notServed('double-encoded dots', '/%252e%252e%252fetc%252fpasswd'),
  get(STATIC, 'must-reject', 'overlong UTF-8 dots (not a URL)', '/%c0%ae%c0%ae/etc/passwd', /not_found|not a valid url/),
  notServed('/.git/config', '/.git/config'),
  notServed('/package.json', '/package.json'),
  notServed('/.env', '/.env'),
  notServed('/data/parley.db', '/data/parley.db'),
  notServed('/tsconfig.json', '/tsconfig.json'),
  notServed('/src/app.module.ts', '/src/app.module.ts'),
  notServed('/dist/src/main.js', '/dist/src/main.js'),
  notServed('index.html%00.json', '/index.html%00.json'),
  notServed('/assets/..%2F..%2F..%2Fpackage.json', '/assets/..%2F..%2F..%2Fpackage.json'),
  notServed('/sources/..%2F..%2F..%2Fpackage.json', '/sources/..%2F..%2F..%2Fpackage.json'),
  notServed('/sources/.hidden.txt', '/sources/.hidden.txt'),
  notServedRaw('raw /../../etc/passwd', '/../../etc/passwd'),
  notServedRaw('raw /assets/../../package.json', '/assets/../../package.json'),
  notServedRaw('raw /..;/etc/passwd', '/..;/etc/passwd'),
  notServedRaw('raw /....//....//etc/passwd', '/....//....//etc/passwd'),
];

const CASES: HostileCase[] = [...eventsCases, ...timelineCases, ...otherCases, ...staticCases];

/** Beyond the report's table: a stream start past the last stored event (its D12) would silently skip events. */
const EXTRA_CASES: HostileCase[] = [
  sse('SSE Last-Event-ID beyond the head', '/subscriptions/events', 'Last-Event-ID', { 'last-event-id': '99999999' }),
  sse('SSE fromPosition beyond the head', '/subscriptions/events?fromPosition=99999999', 'fromPosition'),
];

/** The report's per-class counts (section 3), which this table reproduces row for row. */
const REPORT_CLASSES: Record<string, number> = { [EVENTS]: 34, [TIMELINE]: 15, [OTHER]: 37, [STATIC]: 20 };

describe('hostile read inputs: the red-team report\'s 106 query strings, path parameters and static paths', () => {
  let server: TestServer;
  let before: Awaited<ReturnType<TestServer['snapshot']>>;

  beforeAll(async () => {
    server = await startTestServer();
    URL_PLACEHOLDER = server.url;
    before = await server.snapshot();
  });
  afterAll(() => server.close());

  it(`the table holds ${CASES.length} cases in the report's 4 read classes, each class as many as the report tried (${verdictCounts(CASES)})`, () => {
    const { perClass, perVerdict } = tally(CASES);
    expect(perClass).toEqual(REPORT_CLASSES);
    expect(CASES.length).toBe(106);
    expect(perVerdict['must-reject']).toBeGreaterThanOrEqual(90);
  });

  it.each(tableRows(CASES))('[%s] %s: %s', async (_verdict, _cls, _name, hostile) => {
    const answer = await runHostileCase(server, hostile);
    // Nothing outside the API and the built page is ever served.
    expect(answer.text).not.toMatch(/root:x:0:0|"name":\s*"parley"|\[core\]|SQLite format 3/);
  });

  it.each(EXTRA_CASES.map((c) => [c.name, c] as const))('[must-reject] beyond the table: %s', async (_name, hostile) => {
    await runHostileCase(server, hostile);
  });

  it('then the store is exactly as it was and /health is 200', async () => {
    expect(await server.snapshot()).toEqual(before);
    expect((await server.get('/health')).status).toBe(200);
  });
});
