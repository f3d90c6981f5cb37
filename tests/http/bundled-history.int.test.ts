import { issueAnswerSchema } from '../../src/http/responses/issue-state.response';
import { startTestServer, TestServer } from '../support/http-server';
import { runParley } from '../support/run-cli';

const NAFTA = 'nafta-renegotiation';
const AUTO = 'auto-rules-of-origin';
const KNOWN_AT = '2024-06-01T00:00:00Z';

const issuePath = (issue: string, asOf: string, knownAt?: string) =>
  `/negotiations/${NAFTA}/issues/${issue}?asOf=${asOf}${knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : ''}`;

describe('the bundled NAFTA history over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** GETs an IssueState and checks it against the documented contract before returning it. */
  const issueState = async (issue: string, asOf: string, knownAt?: string) => {
    const res = await server.get(issuePath(issue, asOf, knownAt));
    expect(res.status).toBe(200);
    const parsed = issueAnswerSchema.safeParse(res.body);
    expect(parsed.error).toBeUndefined();
    return parsed.data!;
  };

  it('given asOf 2018-05-25, when GET auto-rules-of-origin, then the US asks 75 % for high-value parts and Mexico offers 70 % of the whole vehicle: each shows its scope, no gap compares them, both are reported', async () => {
    const state = await issueState(AUTO, '2018-05-25');
    expect(state).toMatchObject({ negotiation: NAFTA, issue: AUTO, asOf: '2018-05-25', status: 'open' });
    expect(state.positions.US['regional_value_content@high-value-parts']).toMatchObject({ value: 75, unit: 'percent', scope: 'high-value-parts', confidence: 'reported', eventId: 'nafta-2018-05-24-us-offer-rvc-75' });
    expect(state.positions.MX['regional_value_content@whole-vehicle']).toMatchObject({ value: 70, unit: 'percent', scope: 'whole-vehicle', confidence: 'reported', eventId: 'nafta-2018-05-24-mx-counter-rvc-70' });
    expect(Object.keys(state.gaps).filter((key) => key.startsWith('regional_value_content'))).toEqual([]);
  });

  it('given asOf 2018-05-25, when GET auto-rules-of-origin, then the US asks 40 % labour value content with a 16 USD/hour wage floor and Mexico offers 20 %', async () => {
    const state = await issueState(AUTO, '2018-05-25');
    expect(state.positions.US.labor_value_content).toMatchObject({ value: 40, unit: 'percent' });
    expect(state.positions.US.labor_wage_floor).toMatchObject({ value: 16, unit: 'usd_per_hour' });
    expect(state.positions.MX.labor_value_content).toMatchObject({ value: 20, unit: 'percent', eventType: 'CounterofferMade' });
    expect(state.gaps.labor_value_content).toMatchObject({ min: 20, max: 40, spread: 20, low: ['MX'], high: ['US'] });
  });

  it('given asOf 2018-01-30, when GET auto-rules-of-origin, then the US demands 50 % US content and Mexico has no numeric position yet', async () => {
    const state = await issueState(AUTO, '2018-01-30');
    expect(state.positions.US.us_content).toMatchObject({ value: 50, unit: 'percent', since: '2018-01-29', eventId: 'nafta-2018-01-29-us-demand-us-content' });
    expect(state.positions.MX?.regional_value_content).toBeUndefined();
    expect(state.gaps).toEqual({});
  });

  it('given asOf 2018-01-30, when GET sunset-clause and dispute-settlement, then they show the US demands of that date and Canada\'s compromises', async () => {
    const sunset = await issueState('sunset-clause', '2018-01-30');
    expect(sunset.status).toBe('open');
    expect(sunset.positions.US).toEqual({
      review_period_years: expect.objectContaining({ value: 5, unit: 'years', since: '2018-01-29', eventId: 'nafta-2018-01-29-us-demand-sunset', eventType: 'DemandTabled' }),
    });
    expect(sunset.positions.CA.review_period_years).toMatchObject({ eventId: 'nafta-2018-01-29-ca-offer-sunset-compromise', eventType: 'OfferMade' });
    const disputes = await issueState('dispute-settlement', '2018-01-30');
    expect(Object.keys(disputes.positions).sort()).toEqual(['CA', 'US']);
    // One phrase of the article ("largely eliminate trade and investment dispute-settlement systems"): no chapter is named.
    for (const metric of ['trade_dispute_settlement', 'investor_state']) {
      expect(disputes.positions.US[metric]).toMatchObject({ text: 'largely eliminate', eventId: 'nafta-2018-01-29-us-demand-dispute-settlement' });
    }
  });

  it('given asOf 2018-01-28, when GET sunset-clause, then the US had not raised it yet', async () => {
    const state = await issueState('sunset-clause', '2018-01-28');
    expect(state.positions).toEqual({});
    expect(state.status).toBe('not_raised');
  });

  it('given the Section 232 auto probe launched 2018-05-23, when GET /probes as of 2018-05-22 and 2018-05-23, then none is open and then one is', async () => {
    const before = await server.get('/probes?asOf=2018-05-22');
    expect(before.status).toBe(200);
    expect(before.body.open).toEqual([]);
    const after = await server.get('/probes?asOf=2018-05-23');
    expect(after.status).toBe(200);
    expect(after.body.open).toEqual([
      expect.objectContaining({ eventId: 'nafta-2018-05-23-us-probe-auto-imports', negotiation: NAFTA, party: 'US', authority: 'Section 232', subject: 'car and truck imports' }),
    ]);
  });
});

describe('GET /negotiations/:n/issues/:i is exactly `parley state --json`', () => {
  const cases: Array<[string, string]> = [
    [AUTO, '2018-05-25'],
    [AUTO, '2018-01-30'],
    ['sunset-clause', '2018-01-30'],
    ['dispute-settlement', '2018-06'],
  ];

  it('given the same store file, when the CLI reads it after the server closed, then its JSON equals the HTTP body byte for byte', async () => {
    const server = await startTestServer();
    const http: string[] = [];
    try {
      for (const [issue, asOf] of cases) {
        const res = await server.get(issuePath(issue, asOf, KNOWN_AT));
        expect(res.status).toBe(200);
        expect(issueAnswerSchema.safeParse(res.body).success).toBe(true);
        http.push(res.text);
      }
    } finally {
      await server.close({ keepFiles: true });
    }
    try {
      for (const [i, [issue, asOf]] of cases.entries()) {
        const cli = await runParley(['state', issue, '--negotiation', NAFTA, '--as-of', asOf, '--known-at', KNOWN_AT, '--json', '--db', server.dbFile]);
        expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: '' });
        expect(JSON.parse(cli.stdout)).toEqual(JSON.parse(http[i]));
        expect(cli.stdout.trim()).toBe(http[i]);
      }
    } finally {
      server.removeFiles();
    }
  }, 60_000);
});
