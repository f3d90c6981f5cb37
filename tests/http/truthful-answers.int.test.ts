import { issueAnswerSchema } from '../../src/http/responses/issue-state.response';
import { startTestServer, TestServer } from '../support/http-server';

const ev = (id: string, type: string, occurredAt: string, rest: Record<string, unknown>) => ({ id, type, negotiation: 'talks', occurredAt, ...rest });
const rvc = (value: number) => ({ terms: [{ metric: 'regional_value_content', value, unit: 'percent' }] });

const HISTORY = [
  ev('launch', 'NegotiationLaunched', '2018-01-01', { party: 'US', confidence: 'confirmed', data: { title: 'Talks', parties: ['US', 'MX'] } }),
  ev('us-75', 'DemandTabled', '2018-05-20', { issue: 'autos', party: 'US', confidence: 'confirmed', data: rvc(75) }),
  ev('mx-70', 'OfferMade', '2018-05-24', { issue: 'autos', party: 'MX', confidence: 'reported', data: rvc(70) }),
  ev('mx-later', 'OfferMade', '2018-06', { issue: 'autos', party: 'MX', confidence: 'reported', data: rvc(72) }),
  ev('steel', 'TariffImposed', '2018-06-01', { party: 'US', confidence: 'unconfirmed',
    data: { measure: 'Section 232', product: 'steel', rate: { value: 25, unit: 'percent' }, targets: ['MX'] } }),
  ev('probe', 'ProbeLaunched', '2018-05-23', { issue: 'auto-tariffs', party: 'US', confidence: 'reported', data: { authority: 'Section 232', subject: 'cars' } }),
  ev('analyst', 'StatementIssued', '2018-05-25', { party: 'some-analyst', confidence: 'reported', data: { speaker: 'An analyst', quote: 'far apart' } }),
];

describe('truthful answers over HTTP: minConfidence, provenance, possible', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ loadBundledHistory: false });
    expect((await server.post('/events', HISTORY)).status).toBe(201);
  });
  afterAll(() => server.close());

  it('given minConfidence=confirmed, when GET the issue, then only the confirmed US term is held and the answer validates against the schema', async () => {
    const res = await server.get('/negotiations/talks/issues/autos?asOf=2018-06-15&minConfidence=confirmed');
    expect(res.status).toBe(200);
    expect(issueAnswerSchema.safeParse(res.body).error).toBeUndefined();
    expect(Object.keys(res.body.positions)).toEqual(['US']);
    expect(res.body).toMatchObject({ minConfidence: 'confirmed', gaps: {}, possible: [] });
  });

  it('given no floor, when GET the issue within June, then MX 70 is held with its provenance and the June offer is possible', async () => {
    const res = await server.get('/negotiations/talks/issues/autos?asOf=2018-06-15');
    expect(res.body.positions.MX.regional_value_content).toMatchObject({ value: 70, eventId: 'mx-70', confidence: 'reported' });
    expect(res.body.possible.map((p: { eventId: string }) => p.eventId)).toEqual(['mx-later']);
    expect(res.body.gaps.regional_value_content).toMatchObject({ min: 70, max: 75 });
  });

  it('given minConfidence on tariffs, probes, timeline and the overview, then each answers from the events at least that confident', async () => {
    const tariffs = await server.get('/tariffs?asOf=2018-06-15&target=MX');
    expect(tariffs.body.inForce.map((l: { eventId: string; confidence: string }) => [l.eventId, l.confidence])).toEqual([['steel', 'unconfirmed']]);
    expect((await server.get('/tariffs?asOf=2018-06-15&target=MX&minConfidence=reported')).body.inForce).toEqual([]);
    expect((await server.get('/probes?asOf=2018-06-15&minConfidence=confirmed')).body.open).toEqual([]);
    const rows = (await server.get('/timeline?negotiation=talks&minConfidence=confirmed')).body.entries;
    expect(rows.map((r: { eventId: string }) => r.eventId)).toEqual(['launch', 'us-75']);
    const overview = (await server.get('/negotiations/talks?asOf=2018-06-15')).body;
    expect([overview.parties, overview.otherActors]).toEqual([['MX', 'US'], ['some-analyst']]);
    expect(overview.latestStatements['some-analyst']).toMatchObject({ quote: 'far apart', confidence: 'reported' });
    expect((await server.get('/negotiations/talks?asOf=2018-06-15&minConfidence=confirmed')).body.otherActors).toEqual([]);
  });

  it('given an unknown minConfidence, then 400 names the parameter and the store is unchanged', async () => {
    const before = await server.snapshot();
    const res = await server.get('/negotiations/talks/issues/autos?minConfidence=sure');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/minConfidence/);
    expect(await server.snapshot()).toEqual(before);
  });
});
