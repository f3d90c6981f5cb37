import { fixedClock } from '../../src/clock/clock';
import { issueAnswerSchema } from '../../src/http/responses/issue-state.response';
import { expectErrorShape, HISTORY_RECORDED_AT, startTestServer, TestServer } from '../support/http-server';

const NAFTA = 'nafta-renegotiation';
const AUTO = 'auto-rules-of-origin';
const MX_70 = 'nafta-2018-05-24-mx-counter-rvc-70';
const US_75 = 'nafta-2018-05-24-us-offer-rvc-75';
/** Mexico's 70 % is of the whole vehicle's content: its position is keyed by metric and scope. */
const WV = 'regional_value_content@whole-vehicle';

/** Recording instants, one per step; the history itself is recorded at HISTORY_RECORDED_AT (2024-01-01). */
const CORRECTED_AT = '2024-02-01T00:00:00.000Z';
const RETRACTED_AT = '2024-03-01T00:00:00.000Z';
const BACKDATED_AT = '2024-04-01T00:00:00.000Z';

const correction = (value: number) => ({
  id: 'http-bitemporal-correct-mx-rvc',
  type: 'EventCorrected',
  negotiation: NAFTA,
  issue: AUTO,
  party: 'MX',
  occurredAt: '2018-05-24',
  confidence: 'reported',
  data: {
    corrects: MX_70,
    replacement: {
      type: 'CounterofferMade',
      negotiation: NAFTA,
      issue: AUTO,
      party: 'MX',
      occurredAt: '2018-05-24',
      confidence: 'reported',
      data: { terms: [{ metric: 'regional_value_content', scope: 'whole-vehicle', value, unit: 'percent' }], respondsTo: US_75 },
    },
  },
});

const retraction = {
  id: 'http-bitemporal-retract-mx-rvc',
  type: 'EventRetracted',
  negotiation: NAFTA,
  issue: AUTO,
  party: 'MX',
  occurredAt: '2018-05-24',
  data: { retracts: MX_70, reason: 'the reported figure could not be confirmed' },
};

const backdatedOffer = {
  id: 'http-bitemporal-mx-offer-65',
  type: 'OfferMade',
  negotiation: NAFTA,
  issue: AUTO,
  party: 'MX',
  occurredAt: '2018-05-20',
  confidence: 'unconfirmed',
  data: { terms: [{ metric: 'regional_value_content', scope: 'whole-vehicle', value: 65, unit: 'percent' }] },
};

describe('bitemporal answers through HTTP (fixed clock advanced between steps)', () => {
  const clock = fixedClock(HISTORY_RECORDED_AT);
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock });
  });
  afterAll(() => server.close());

  const state = async (asOf: string, knownAt?: string) => {
    const res = await server.get(`/negotiations/${NAFTA}/issues/${AUTO}?asOf=${asOf}${knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : ''}`);
    expect(res.status).toBe(200);
    const parsed = issueAnswerSchema.safeParse(res.body);
    expect(parsed.error).toBeUndefined();
    return parsed.data!;
  };
  const mxRvc = async (asOf: string, knownAt?: string) => (await state(asOf, knownAt)).positions.MX?.[WV];

  it('given the history recorded at 2024-01-01, when GET as of 2018-05-25, then Mexico is at 70 % and the answer is as known now', async () => {
    const s = await state('2018-05-25');
    expect(s.knownAt).toBe(HISTORY_RECORDED_AT);
    expect(s.positions.MX[WV]).toMatchObject({ value: 70, eventId: MX_70 });
  });

  it('given an EventCorrected of MX 70 → 72 recorded 2024-02-01, when GET with knownAt before and after the correction, then 70 and then 72', async () => {
    clock.set(CORRECTED_AT);
    const res = await server.post('/events', correction(72));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ appended: 1, duplicates: 0 });
    expect((await server.get(`/events/${correction(72).id}`)).body.recordedAt).toBe(CORRECTED_AT);

    expect(await mxRvc('2018-05-25', '2024-01-15T00:00:00Z')).toMatchObject({ value: 70 });
    expect(await mxRvc('2018-05-25', '2024-01-31T23:59:59.999Z')).toMatchObject({ value: 70 });
    expect(await mxRvc('2018-05-25', '2024-01-31')).toMatchObject({ value: 70 });
    expect(await mxRvc('2018-05-25', CORRECTED_AT)).toMatchObject({ value: 72 });
    expect(await mxRvc('2018-05-25', '2024-02-01')).toMatchObject({ value: 72 });
    const now = await state('2018-05-25');
    expect(now.knownAt).toBe(CORRECTED_AT);
    expect(now.positions.MX[WV]).toMatchObject({ value: 72, unit: 'percent' });
    // The US 75 % is for high-value parts: another scope, so no gap with Mexico's whole-vehicle figure.
    expect(Object.keys(now.gaps).filter((key) => key.startsWith('regional_value_content'))).toEqual([]);
  });

  it('given the correction, when re-POSTed identical, then 201 with duplicates 1 and the answers do not change', async () => {
    clock.advance(60_000);
    const res = await server.post('/events', correction(72));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ appended: 0, duplicates: 1 });
    expect((await server.get(`/events/${correction(72).id}`)).body.recordedAt).toBe(CORRECTED_AT);
    expect(await mxRvc('2018-05-25')).toMatchObject({ value: 72 });
  });

  it('given the correction, when its id is POSTed with other content (73), then 409 idempotency_conflict and the store is unchanged', async () => {
    const before = await server.snapshot();
    const res = await server.post('/events', correction(73));
    expect(res.status).toBe(409);
    expectErrorShape(res.body, 'idempotency_conflict');
    expect(res.body.error.details).toMatchObject({ eventId: correction(73).id });
    expect(await server.snapshot()).toEqual(before);
    expect(await mxRvc('2018-05-25')).toMatchObject({ value: 72 });
  });

  it('given an EventRetracted of MX 70 recorded 2024-03-01, when GET with knownAt before and after, then 72 and then no MX figure at all', async () => {
    clock.set(RETRACTED_AT);
    const res = await server.post('/events', retraction);
    expect(res.status).toBe(201);
    expect(await mxRvc('2018-05-25', '2024-02-15T00:00:00Z')).toMatchObject({ value: 72 });
    expect(await mxRvc('2018-05-25', '2024-01-15T00:00:00Z')).toMatchObject({ value: 70 });
    expect(await mxRvc('2018-05-25', RETRACTED_AT)).toBeUndefined();
    const now = await state('2018-05-25');
    expect(now.positions.MX?.[WV]).toBeUndefined();
    expect(now.positions.MX.labor_value_content).toMatchObject({ value: 20 });
    expect(now.gaps[WV]).toBeUndefined();
  });

  it('given the retraction, when a second retraction or a correction of the retracted event is POSTed, then 400 rule_violation naming the reference and nothing is written', async () => {
    const before = await server.snapshot();
    const again = await server.post('/events', { ...retraction, id: 'http-bitemporal-retract-again' });
    expect(again.status).toBe(400);
    expectErrorShape(again.body, 'rule_violation');
    expect(again.body.error.details).toEqual([expect.objectContaining({ index: 0, path: 'data.retracts', value: MX_70 })]);
    const late = await server.post('/events', { ...correction(74), id: 'http-bitemporal-late-correction' });
    expect(late.status).toBe(400);
    expect(late.body.error.details).toEqual([expect.objectContaining({ index: 0, path: 'data.corrects', value: MX_70 })]);
    expect(await server.snapshot()).toEqual(before);
  });

  it('given a back-dated OfferMade (occurredAt 2018-05-20) recorded 2024-04-01, when GET as of 2018-05-21, then knownAt before shows no MX figure and after shows 65', async () => {
    expect(await mxRvc('2018-05-21')).toBeUndefined();
    clock.set(BACKDATED_AT);
    const res = await server.post('/events', backdatedOffer);
    expect(res.status).toBe(201);
    expect(await mxRvc('2018-05-21', '2024-03-31T23:59:59Z')).toBeUndefined();
    expect(await mxRvc('2018-05-21', BACKDATED_AT)).toMatchObject({ value: 65, since: '2018-05-20', eventId: backdatedOffer.id });
    expect(await mxRvc('2018-05-21')).toMatchObject({ value: 65 });
    expect(await mxRvc('2018-05-19')).toBeUndefined();
    // With the 70 retracted, the back-dated 65 is Mexico's standing figure on 2018-05-25 too.
    expect(await mxRvc('2018-05-25')).toMatchObject({ value: 65 });
  });

  it('given the back-dated offer, when GET /timeline with knownAt before and after its recording, then it appears only after, in valid-time order', async () => {
    const path = `/timeline?negotiation=${NAFTA}&issue=${AUTO}&party=MX&from=2018-05-01&to=2018-05-31`;
    const before = await server.get(`${path}&knownAt=2024-03-31T23:59:59Z`);
    const after = await server.get(path);
    const ids = (res: typeof after) => res.body.entries.map((e: { event: { id: string } }) => e.event.id);
    expect(ids(before)).not.toContain(backdatedOffer.id);
    expect(ids(after)[0]).toBe(backdatedOffer.id);
    const days = after.body.entries.map((e: { countsFrom: string }) => e.countsFrom);
    expect(days).toEqual([...days].sort());
  });

  it('given the whole story, when GET /diff and /replay with knownAt, then they answer as known at that instant', async () => {
    const diffBefore = await server.get(`/negotiations/${NAFTA}/issues/${AUTO}/diff?from=2018-05-19&to=2018-05-21&knownAt=2024-03-31T23:59:59Z`);
    expect(diffBefore.status).toBe(200);
    expect(diffBefore.body.changes).toEqual([]);
    const diffAfter = await server.get(`/negotiations/${NAFTA}/issues/${AUTO}/diff?from=2018-05-19&to=2018-05-21`);
    expect(diffAfter.body.changes).toEqual([
      expect.objectContaining({ party: 'MX', metric: WV, change: 'added', after: expect.objectContaining({ value: 65 }) }),
    ]);
    const replay = await server.get(`/negotiations/${NAFTA}/issues/${AUTO}/replay?from=2018-05-20&to=2018-05-20&knownAt=${encodeURIComponent(BACKDATED_AT)}`);
    expect(replay.status).toBe(200);
    expect(replay.body.steps.map((s: { event: { event: { id: string } } }) => s.event.event.id)).toEqual([backdatedOffer.id]);
  });

  it('given the stream revision after these writes, when POSTing with a stale expectedRevision, then 409 with expected and actual; with the current one, then 201', async () => {
    const events = (await server.get(`/events?negotiation=${NAFTA}&limit=1000`)).body.events as Array<{ streamRevision: number }>;
    const actual = events[events.length - 1].streamRevision;
    const before = await server.snapshot();
    const stale = await server.post('/events', { events: [{ ...backdatedOffer, id: 'http-bitemporal-stale' }], expectedRevision: actual - 2 });
    expect(stale.status).toBe(409);
    expectErrorShape(stale.body, 'concurrency_conflict');
    expect(stale.body.error.details).toMatchObject({ expected: actual - 2, actual });
    expect(await server.snapshot()).toEqual(before);
    const current = await server.post('/events', { events: [{ ...backdatedOffer, id: 'http-bitemporal-current' }], expectedRevision: actual });
    expect(current.status).toBe(201);
  });

  it('given a CounterofferMade whose respondsTo names an unknown event, when POSTed, then 400 naming data.respondsTo and nothing is written', async () => {
    const before = await server.snapshot();
    const res = await server.post('/events', {
      ...backdatedOffer,
      id: 'http-bitemporal-orphan-counter',
      type: 'CounterofferMade',
      data: { terms: [{ metric: 'regional_value_content', value: 68, unit: 'percent' }], respondsTo: 'nafta-2018-05-24-us-offer-rvc-80' },
    });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'rule_violation');
    expect(res.body.error.details).toEqual([expect.objectContaining({ index: 0, path: 'data.respondsTo', value: 'nafta-2018-05-24-us-offer-rvc-80' })]);
    expect(await server.snapshot()).toEqual(before);
  });
});
