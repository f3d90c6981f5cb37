import { randomUUID } from 'node:crypto';
import { expectErrorShape, startTestServer, TestServer } from '../support/http-server';

const NAFTA = 'nafta-renegotiation';
const AUTO = 'auto-rules-of-origin';
const TOKEN = 'parley-test-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const BODY_LIMIT = 4096;

const statement = (overrides: Record<string, unknown> = {}) => ({
  id: `http-errors-${randomUUID()}`,
  type: 'StatementIssued',
  negotiation: NAFTA,
  party: 'MX',
  occurredAt: '2018-05-24',
  confidence: 'reported',
  data: { speaker: 'Ildefonso Guajardo', quote: 'we will not negotiate under pressure' },
  ...overrides,
});

describe('HTTP API errors (auth on: PARLEY_API_TOKEN set, small body limit)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ apiToken: TOKEN, bodyLimitBytes: BODY_LIMIT });
  });
  afterAll(() => server.close());

  /** Sends a write that must be rejected and checks status, error shape, and that the store did not change. */
  const rejected = async (body: unknown, headers: Record<string, string>, status: number, code: string) => {
    const before = await server.snapshot();
    const res = await server.request('POST', '/events', { body, headers });
    expect({ status: res.status, text: res.text }).toEqual({ status, text: expect.any(String) });
    expectErrorShape(res.body, code);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await server.snapshot()).toEqual(before);
    return res.body.error as { code: string; message: string; details: any };
  };

  describe('401: writes need the bearer token when one is configured', () => {
    it.each([
      ['no Authorization header', {}],
      ['a wrong token', { authorization: 'Bearer not-the-token' }],
      ['the token without the Bearer scheme', { authorization: TOKEN }],
      ['Basic auth', { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` }],
      ['the token with one character more', { authorization: `Bearer ${TOKEN}x` }],
      ['an empty bearer', { authorization: 'Bearer ' }],
    ])('given %s, when POST /events with a valid event, then 401 unauthorized and nothing is written', async (_name, headers) => {
      const event = statement();
      const error = await rejected(event, headers, 401, 'unauthorized');
      expect(error.message).toMatch(/Bearer/);
      expect((await server.get(`/events/${event.id}`)).status).toBe(404);
    });

    it('given the right token, when POST /events, then 201 and the event is stored', async () => {
      const event = statement();
      const res = await server.post('/events', event, AUTH);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ appended: 1, duplicates: 0 });
      expect((await server.get(`/events/${event.id}`)).status).toBe(200);
    });

    it('given no Authorization header, when reading every read route, then reads stay open (200)', async () => {
      for (const path of [
        '/health', '/events?limit=5', '/events/nafta-2018-05-24-mx-counter-rvc-70', `/timeline?negotiation=${NAFTA}`, '/negotiations', `/negotiations/${NAFTA}`,
        `/negotiations/${NAFTA}/issues/${AUTO}?asOf=2018-05-25`, `/negotiations/${NAFTA}/issues/${AUTO}/replay`,
        `/negotiations/${NAFTA}/issues/${AUTO}/diff?from=2018-01&to=2018-06`, '/tariffs?asOf=2025-01-01', '/probes?asOf=2018-06-01', '/openapi.json', '/docs',
      ]) {
        const res = await server.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });
  });

  describe('400: invalid input names index, field path and problem, and writes nothing', () => {
    it('given a batch whose second event has a bad date and no data fields, when POSTed, then 400 invalid_event naming index 1, each field and the problem, and the valid first event is not written', async () => {
      const good = statement();
      const bad = { ...statement(), occurredAt: '2018-13', data: {} };
      const error = await rejected([good, bad], AUTH, 400, 'invalid_event');
      expect(error.details).toEqual(
        expect.arrayContaining([
          { index: 1, path: 'occurredAt', message: expect.stringMatching(/YYYY-MM-DD/), value: '2018-13' },
          expect.objectContaining({ index: 1, path: 'data.speaker', message: expect.any(String) }),
          expect.objectContaining({ index: 1, path: 'data.quote', message: expect.any(String) }),
        ]),
      );
      expect(error.details.every((d: { index: number }) => d.index === 1)).toBe(true);
      expect(error.message).toContain('event #1: occurredAt');
      expect((await server.get(`/events/${good.id}`)).status).toBe(404);
    });

    it('given an unknown event type, when POSTed, then 400 invalid_event naming "type" and listing the known types', async () => {
      const error = await rejected({ ...statement(), type: 'OfferWithdrawn' }, AUTH, 400, 'invalid_event');
      expect(error.details).toEqual([expect.objectContaining({ index: 0, path: 'type', message: expect.stringContaining('OfferMade') })]);
    });

    it('given a nested term with a wrong type, when POSTed, then the path reaches into the array', async () => {
      const offer = { ...statement(), type: 'OfferMade', issue: AUTO, data: { terms: [{ metric: 'regional_value_content', value: 'seventy', unit: 'percent' }] } };
      const error = await rejected(offer, AUTH, 400, 'invalid_event');
      expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ index: 0, path: 'data.terms[0].value', value: 'seventy' })]));
    });

    it('given an unknown field on an event, when POSTed, then 400 naming the field', async () => {
      const error = await rejected({ ...statement(), mood: 'tense' }, AUTH, 400, 'invalid_event');
      expect(JSON.stringify(error.details)).toContain('mood');
    });

    it.each([
      ['broken JSON', '{"type": "StatementIssued", ', 'invalid_json'],
      ['an empty body', '', 'invalid_json'],
      ['a bare number', '42', 'invalid_event'],
      ['null', 'null', 'invalid_event'],
      ['an envelope whose events is not an array', '{"events": "all of them"}', 'invalid_request'],
      ['an envelope with a negative expectedRevision', JSON.stringify({ events: [statement()], expectedRevision: -1 }), 'invalid_request'],
      ['an envelope with an unknown key', JSON.stringify({ events: [statement()], expected: 3 }), 'invalid_request'],
    ])('given %s as the body, when POSTed, then 400 with the error shape and nothing written', async (_name, raw, code) => {
      const error = await rejected(raw, { ...AUTH, 'content-type': 'application/json' }, 400, code);
      expect(error.message.length).toBeGreaterThan(0);
    });

    it('given an envelope with an unknown key, when POSTed, then the details name that key as the field', async () => {
      const error = await rejected({ events: [statement()], expected: 3 }, AUTH, 400, 'invalid_request');
      expect(error.details).toEqual([{ field: 'expected', message: expect.any(String) }]);
    });

    it('given a respondsTo naming an unknown event, when POSTed, then 400 rule_violation naming data.respondsTo and nothing written', async () => {
      const counter = { ...statement(), type: 'CounterofferMade', issue: AUTO, data: { terms: [{ metric: 'regional_value_content', value: 71, unit: 'percent' }], respondsTo: 'no-such-offer' } };
      const error = await rejected(counter, AUTH, 400, 'rule_violation');
      expect(error.details).toEqual([expect.objectContaining({ index: 0, path: 'data.respondsTo', value: 'no-such-offer' })]);
      expect(error.message).toContain('no-such-offer');
    });

    it.each([
      ['/events?limit=0', 'limit'],
      ['/events?limit=1001', 'limit'],
      ['/events?limit=ten', 'limit'],
      ['/events?fromPosition=-1', 'fromPosition'],
      ['/events?type=OfferWithdrawn', 'type[0]'],
      ['/events?party=ZZ', 'party'],
      ['/events?negotiation=Not_A_Slug', 'negotiation'],
      ['/events?colour=blue', 'colour'],
      ['/timeline?from=2018-02-30', 'from'],
      ['/timeline?knownAt=yesterday', 'knownAt'],
      ['/timeline?knownAt=2018-06-01T12:00:00', 'knownAt'],
      [`/negotiations/${NAFTA}?asOf=25/05/2018`, 'asOf'],
      [`/negotiations/${NAFTA}/issues/${AUTO}?asOf=2018-5-25`, 'asOf'],
      [`/negotiations/${NAFTA}/issues/${AUTO}?asOf=2018-05-25&asOf=2018-05-26`, 'asOf'],
      [`/negotiations/${NAFTA}/issues/${AUTO}/replay?to=2018-00`, 'to'],
      [`/negotiations/${NAFTA}/issues/${AUTO}/diff?from=2018-01-01`, 'to'],
      ['/tariffs?target=XX', 'target'],
      ['/probes?asOf=tomorrow', 'asOf'],
    ])('given %s, when GET, then 400 invalid_request naming the field', async (path, field) => {
      const res = await server.get(path);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 'invalid_request');
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(res.body.error.message).toContain(`${field}:`);
    });

    it('given a URL with a broken percent-encoding, when GET, then 400 with the error shape', async () => {
      const res = await server.get('/events/%E0%A4%A');
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 'invalid_request');
    });

    it('given a query string longer than the HTTP header limit, when GET, then 431 with the error shape and the server keeps serving', async () => {
      const res = await server.get(`/events?negotiation=${'n'.repeat(20_000)}`);
      expect(res.status).toBe(431);
      expectErrorShape(res.body, 'request_header_fields_too_large');
      expect((await server.get('/health')).status).toBe(200);
    });
  });

  describe('404: unknown negotiation, issue, event or route lists what exists', () => {
    it('given an unknown negotiation, when GET its overview, then 404 listing the known negotiations', async () => {
      const res = await server.get('/negotiations/nafta-renegotiaton');
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 'not_found');
      expect(res.body.error.details).toMatchObject({ what: 'negotiation', name: 'nafta-renegotiaton' });
      expect(res.body.error.details.available).toEqual(expect.arrayContaining([NAFTA, 'steel-aluminum-talks-2025']));
      expect(res.body.error.message).toContain(NAFTA);
    });

    it('given an unknown issue, when GET its state, replay or diff, then 404 listing the issues of the negotiation', async () => {
      for (const suffix of ['', '/replay', '/diff?from=2018-01&to=2018-06']) {
        const res = await server.get(`/negotiations/${NAFTA}/issues/auto-rules${suffix}`);
        expect(res.status).toBe(404);
        expectErrorShape(res.body, 'not_found');
        expect(res.body.error.details.available).toEqual(expect.arrayContaining([AUTO, 'sunset-clause', 'dispute-settlement']));
      }
    });

    it('given an unknown negotiation, when GET an issue of it, /timeline or /probes filtered by it, then 404 listing the negotiations', async () => {
      for (const path of [`/negotiations/ghost/issues/${AUTO}`, '/timeline?negotiation=ghost', '/probes?negotiation=ghost']) {
        const res = await server.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expectErrorShape(res.body, 'not_found');
        expect(res.body.error.details.available).toEqual(expect.arrayContaining([NAFTA]));
      }
    });

    it('given an unknown event id, when GET /events/:id, then 404 naming it and listing recently recorded ids (not "there are none")', async () => {
      const res = await server.get('/events/nafta-2018-05-24-mx-counter-rvc-71');
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 'not_found');
      expect(res.body.error.details).toMatchObject({ what: 'event', name: 'nafta-2018-05-24-mx-counter-rvc-71' });
      expect(res.body.error.details.available.length).toBeGreaterThan(0);
      expect(res.body.error.message).not.toMatch(/none yet/);
      expect(res.body.error.message).toMatch(/more/);
    });

    it('given an unknown route or method, when requested, then 404 with the error shape', async () => {
      for (const [method, path] of [['GET', '/nothing-here'], ['DELETE', '/events'], ['PUT', '/events']] as const) {
        const before = await server.snapshot();
        const res = await server.request(method, path, { body: method === 'GET' ? undefined : statement(), headers: AUTH });
        expect(res.status).toBe(404);
        expectErrorShape(res.body, 'not_found');
        expect(await server.snapshot()).toEqual(before);
      }
    });
  });

  describe('409: concurrency and idempotency conflicts', () => {
    it('given a wrong expectedRevision, when POSTing the envelope, then 409 concurrency_conflict with expected and actual, and nothing written', async () => {
      const page = await server.get(`/events?negotiation=${NAFTA}&limit=1000`);
      const actual = Math.max(...page.body.events.map((e: { streamRevision: number }) => e.streamRevision));
      const error = await rejected({ events: [statement()], expectedRevision: actual - 1 }, AUTH, 409, 'concurrency_conflict');
      expect(error.details).toEqual({ stream: `negotiation-${NAFTA}`, expected: actual - 1, actual });
      const right = await server.post('/events', { events: [statement()], expectedRevision: actual }, AUTH);
      expect(right.status).toBe(201);
    });

    it('given a stored event, when re-POSTed identical, then 201 with duplicates 1; with other content under the same id, then 409 idempotency_conflict naming the id and position', async () => {
      const event = statement();
      const first = await server.post('/events', event, AUTH);
      expect(first.status).toBe(201);
      const again = await server.post('/events', event, AUTH);
      expect(again.status).toBe(201);
      expect(again.body).toEqual({ appended: 0, duplicates: 1, firstPosition: first.body.firstPosition, lastPosition: first.body.firstPosition, events: [{ id: event.id, position: first.body.firstPosition }] });
      const error = await rejected({ ...event, data: { ...event.data, quote: 'something else' } }, AUTH, 409, 'idempotency_conflict');
      expect(error.details).toEqual({ eventId: event.id, storedPosition: first.body.firstPosition });
    });
  });

  describe('413 and 415: body limits and media types', () => {
    it(`given a body over the configured ${BODY_LIMIT}-byte limit, when POSTed, then 413 payload_too_large and nothing written`, async () => {
      const big = statement({ source: { quote: 'q'.repeat(BODY_LIMIT) } });
      await rejected(big, AUTH, 413, 'payload_too_large');
      await rejected(JSON.stringify(big).repeat(50), { ...AUTH, 'content-type': 'application/json' }, 413, 'payload_too_large');
    });

    it('given a body just under the limit, when POSTed, then it is accepted', async () => {
      const event = statement({ source: { quote: 'q'.repeat(BODY_LIMIT - 600) } });
      expect(JSON.stringify(event).length).toBeLessThan(BODY_LIMIT);
      const res = await server.post('/events', event, AUTH);
      expect(res.status).toBe(201);
    });

    it('given a text/plain body, when POSTed, then 415 with the error shape and nothing written', async () => {
      await rejected(JSON.stringify(statement()), { ...AUTH, 'content-type': 'text/plain' }, 415, 'unsupported_media_type');
    });
  });
});

describe('HTTP API with auth off (no PARLEY_API_TOKEN)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ loadBundledHistory: false });
  });
  afterAll(() => server.close());

  it('given no token configured, when POST /events without Authorization, then 201; and any Authorization header is ignored', async () => {
    expect((await server.get('/health')).body.store.headPosition).toBe(0);
    const a = await server.post('/events', statement());
    expect(a.status).toBe(201);
    expect(a.body).toEqual({ appended: 1, duplicates: 0, firstPosition: 1, lastPosition: 1, events: [{ id: expect.any(String), position: 1 }] });
    const b = await server.post('/events', statement(), { authorization: 'Bearer whatever' });
    expect(b.status).toBe(201);
  });

  it('given an empty store, when GET /events/:id for an unknown id, then 404 saying there are none yet', async () => {
    const empty = await startTestServer({ loadBundledHistory: false });
    try {
      const res = await empty.get('/events/anything');
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 'not_found');
      expect(res.body.error.details.available).toEqual([]);
      expect(res.body.error.message).toMatch(/none yet/);
    } finally {
      await empty.close();
    }
  });
});
