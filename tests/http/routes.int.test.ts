import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { issueAnswerSchema, issueStateSchema } from '../../src/http/responses/issue-state.response';
import { documentedSchemaOf } from '../support/openapi-validator';
import { HISTORY_RECORDED_AT, startTestServer, TestServer } from '../support/http-server';

const NAFTA = 'nafta-renegotiation';
const AUTO = 'auto-rules-of-origin';

const statement = (overrides: Record<string, unknown> = {}) => ({
  id: `http-routes-${randomUUID()}`,
  type: 'StatementIssued',
  negotiation: 'usmca-review-2026',
  party: 'CA',
  occurredAt: '2026-01-15',
  confidence: 'reported',
  data: { speaker: 'a Canadian official', quote: 'we are ready for the review' },
  ...overrides,
});

describe('HTTP API routes (e2e over real HTTP, bundled history loaded, auth off)', () => {
  let server: TestServer;
  let historySize: number;

  beforeAll(async () => {
    server = await startTestServer();
    historySize = server.running.loaded!.appended;
  });
  afterAll(() => server.close());

  describe('GET /health', () => {
    it('given a started server with the bundled history, when GET /health, then 200 with status ok, the store kind and the head position', async () => {
      const { status, body, headers } = await server.get('/health');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/application\/json/);
      expect(historySize).toBeGreaterThan(35);
      expect(body).toEqual({
        status: 'ok',
        store: { kind: expect.stringMatching(/sqlite/), headPosition: expect.any(Number), connected: true, writable: true },
        projections: { position: body.store.headPosition, lag: 0 },
      });
      expect(body.store.headPosition).toBeGreaterThanOrEqual(historySize);
    });
  });

  describe('POST /events and GET /events/:id', () => {
    it('given one event object, when POSTed without any Authorization (no token configured), then 201 with the append summary and GET /events/:id returns it with position and recordedAt', async () => {
      const before = (await server.get('/health')).body.store.headPosition;
      const event = statement();
      const res = await server.post('/events', event);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ appended: 1, duplicates: 0, firstPosition: before + 1, lastPosition: before + 1, events: [{ id: event.id, position: before + 1 }] });
      const got = await server.get(`/events/${event.id}`);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ ...event, position: before + 1, recordedAt: HISTORY_RECORDED_AT, streamRevision: expect.any(Number) });
    });

    it('given an array of events, when POSTed, then 201 and both are stored in submission order', async () => {
      const [a, b] = [statement(), statement({ party: 'US' })];
      const res = await server.post('/events', [a, b]);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ appended: 2, duplicates: 0 });
      expect(res.body.lastPosition).toBe(res.body.firstPosition + 1);
      expect((await server.get(`/events/${a.id}`)).body.position).toBe(res.body.firstPosition);
      expect((await server.get(`/events/${b.id}`)).body.position).toBe(res.body.lastPosition);
    });

    it('given the { events, expectedRevision } envelope with the current stream revision, when POSTed, then 201', async () => {
      const page = await server.get('/events?negotiation=usmca-review-2026&limit=1000');
      const revision = Math.max(...page.body.events.map((e: { streamRevision: number }) => e.streamRevision));
      const res = await server.post('/events', { events: [statement()], expectedRevision: revision });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ appended: 1, duplicates: 0 });
    });

    it('given an event without an id, when POSTed, then 201 and the server assigns one that GET /events/:id finds', async () => {
      const { id: _omit, ...noId } = statement();
      const res = await server.post('/events', noId);
      expect(res.status).toBe(201);
      const stored = await server.get(`/events?fromPosition=${res.body.firstPosition - 1}&limit=1`);
      const assigned = stored.body.events[0].id;
      expect(typeof assigned).toBe('string');
      expect((await server.get(`/events/${encodeURIComponent(assigned)}`)).status).toBe(200);
    });
  });

  describe('GET /events', () => {
    it('given the store, when paging with limit=7 and following next, then every event comes once in recorded (position) order and the last page has next null', async () => {
      const all = (await server.get('/events?limit=1000')).body;
      expect(all.next).toBeNull();
      const paged: Array<{ position: number }> = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { status: number; body: { events: Array<{ position: number }>; next: string | null } } = await server.get(
          `/events?limit=7${cursor === null ? '' : `&fromPosition=${cursor}`}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.events.length).toBeLessThanOrEqual(7);
        paged.push(...res.body.events);
        cursor = res.body.next;
        if (cursor !== null) expect(cursor).toBe(String(res.body.events[res.body.events.length - 1].position));
        pages++;
      } while (cursor !== null && pages < 100);
      expect(paged).toEqual(all.events);
      const positions = paged.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
    });

    it('given filters negotiation, issue, party and type, when GET /events, then only matching events come back', async () => {
      const res = await server.get(`/events?negotiation=${NAFTA}&issue=${AUTO}&party=MX&limit=1000`);
      expect(res.status).toBe(200);
      expect(res.body.events.map((e: { id: string }) => e.id).sort()).toEqual(
        [
          'nafta-2017-us-demand-national-content', 'nafta-2018-01-29-mx-far-apart-on-auto-content', 'nafta-2018-05-24-mx-counter-lvc-20',
          'nafta-2018-05-24-mx-counter-rvc-70', 'nafta-2018-05-24-mx-offer-autos-flexibility', 'nafta-2018-05-24-mx-refuses-to-fully-meet-us-demands',
        ].sort(),
      );
      const comma = await server.get(`/events?negotiation=${NAFTA}&type=CounterofferMade,ProposalRejected&limit=1000`);
      const repeated = await server.get(`/events?negotiation=${NAFTA}&type=CounterofferMade&type=ProposalRejected&limit=1000`);
      expect(comma.status).toBe(200);
      expect(comma.body.events.map((e: { type: string }) => e.type).sort()).toEqual(['CounterofferMade', 'CounterofferMade', 'ProposalRejected', 'ProposalRejected', 'ProposalRejected']);
      expect(repeated.body).toEqual(comma.body);
    });

    it('given no limit, when GET /events, then at most 100 events come back', async () => {
      const res = await server.get('/events');
      expect(res.status).toBe(200);
      expect(res.body.events.length).toBeLessThanOrEqual(100);
    });
  });

  describe('GET /timeline', () => {
    it('given the NAFTA history, when GET /timeline?negotiation&from&to, then entries come in valid-time order within the range', async () => {
      const res = await server.get(`/timeline?negotiation=${NAFTA}&from=2018-01&to=2018-05-23`);
      expect(res.status).toBe(200);
      const days = res.body.entries.map((e: { countsFrom: string }) => e.countsFrom);
      expect(days.length).toBeGreaterThan(5);
      expect(days).toEqual([...days].sort());
      expect(days.every((d: string) => d >= '2018-01-01' && d <= '2018-05-23')).toBe(true);
      expect(res.body.entries.slice(-2).map((e: { event: { id: string } }) => e.event.id)).toEqual(['nafta-2018-05-23-us-probe-auto-imports', 'nafta-2018-05-23-us-auto-tariff-threat']);
      expect(res.body.entries[0]).toMatchObject({ position: expect.any(Number), recordedAt: HISTORY_RECORDED_AT, summary: expect.any(String) });
    });

    it('given issue, party and type filters, when GET /timeline, then only matching entries come back', async () => {
      const res = await server.get(`/timeline?negotiation=${NAFTA}&issue=${AUTO}&party=CA&type=OfferMade`);
      expect(res.status).toBe(200);
      expect(res.body.entries.map((e: { event: { id: string } }) => e.event.id)).toEqual(['nafta-2018-01-29-ca-offer-auto-compromises']);
    });

    it('given knownAt before the history was recorded, when GET /timeline, then nothing was known yet', async () => {
      const res = await server.get(`/timeline?negotiation=${NAFTA}&knownAt=2023-12-31T23:59:59Z`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ knownAt: '2023-12-31T23:59:59.000Z', entries: [], knowledge: [], next: null });
    });
  });

  describe('GET /negotiations and GET /negotiations/:negotiation', () => {
    it('given the bundled history, when GET /negotiations, then each negotiation comes with title, parties and issues', async () => {
      const res = await server.get('/negotiations');
      expect(res.status).toBe(200);
      for (const n of res.body.negotiations) {
        expect(n).toMatchObject({ negotiation: expect.any(String), parties: expect.any(Array), issues: expect.any(Array) });
        expect('title' in n).toBe(true);
      }
      const nafta = res.body.negotiations.find((n: { negotiation: string }) => n.negotiation === NAFTA);
      expect(nafta.title).toBe('NAFTA renegotiation');
      expect(nafta.parties).toEqual(expect.arrayContaining(['US', 'MX', 'CA']));
      expect(nafta.issues).toEqual(expect.arrayContaining([AUTO, 'sunset-clause', 'dispute-settlement', 'auto-tariffs']));
    });

    it('given asOf 2018-05-25, when GET /negotiations/nafta-renegotiation, then the overview shows the three rounds recorded (1, 6, 7), the open auto probe and the issues', async () => {
      const res = await server.get(`/negotiations/${NAFTA}?asOf=2018-05-25`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ negotiation: NAFTA, asOf: '2018-05-25', title: 'NAFTA renegotiation', rounds: { held: 3, last: { round: '7' } } });
      expect(res.body.openProbes.map((p: { eventId: string }) => p.eventId)).toEqual(['nafta-2018-05-23-us-probe-auto-imports']);
      expect(res.body.issues.map((i: { issue: string }) => i.issue)).toEqual(expect.arrayContaining([AUTO, 'sunset-clause']));
    });

    it('given asOf 2018-01-30, when GET the overview, then rounds 1 and 6 are recorded and no probe was open yet', async () => {
      const res = await server.get(`/negotiations/${NAFTA}?asOf=2018-01-30&knownAt=2024-06-01`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ asOf: '2018-01-30', rounds: { held: 2, last: { round: '6', location: 'Montreal' } }, openProbes: [] });
    });
  });

  describe('GET /negotiations/:negotiation/issues/:issue (+ /replay, /diff)', () => {
    it('given asOf and knownAt, when GET the issue, then 200 with an IssueState that validates against the documented schema', async () => {
      const res = await server.get(`/negotiations/${NAFTA}/issues/${AUTO}?asOf=2018-05-25&knownAt=2024-06-01T00:00:00Z`);
      expect(res.status).toBe(200);
      expect(issueAnswerSchema.safeParse(res.body).error).toBeUndefined();
      expect(res.body).toMatchObject({ negotiation: NAFTA, issue: AUTO, asOf: '2018-05-25', knownAt: '2024-06-01T00:00:00.000Z', status: 'open' });
    });

    it('given from and to, when GET /replay, then the steps are the issue events in valid-time order, each with the state after it', async () => {
      const res = await server.get(`/negotiations/${NAFTA}/issues/${AUTO}/replay?from=2018-05&to=2018-05-31`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ negotiation: NAFTA, issue: AUTO });
      const steps: Array<{ event: { event: { id: string }; countsFrom: string }; state: unknown }> = res.body.steps;
      expect(steps.map((s) => s.event.event.id).sort()).toEqual(
        [
          'nafta-2018-05-24-mx-offer-autos-flexibility', 'nafta-2018-05-24-us-offer-rvc-75', 'nafta-2018-05-24-us-demand-lvc-40-16usd',
          'nafta-2018-05-24-mx-counter-lvc-20', 'nafta-2018-05-24-mx-counter-rvc-70', 'nafta-2018-05-24-mx-refuses-to-fully-meet-us-demands',
        ].sort(),
      );
      for (const step of steps) {
        expect(step.event.countsFrom).toBe('2018-05-24');
        expect(issueStateSchema.safeParse(step.state).error).toBeUndefined();
      }
      const last = steps[steps.length - 1].state as z.infer<typeof issueStateSchema>;
      expect(last.positions.MX['regional_value_content@whole-vehicle'].value).toBe(70);
      const all = await server.get(`/negotiations/${NAFTA}/issues/${AUTO}/replay`);
      expect(all.status).toBe(200);
      expect(all.body.steps.length).toBeGreaterThan(steps.length);
    });

    it('given from and to, when GET /diff, then the changes between the two days name party, metric, before and after', async () => {
      const res = await server.get(`/negotiations/${NAFTA}/issues/${AUTO}/diff?from=2018-05-01&to=2018-05-31`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ negotiation: NAFTA, issue: AUTO, from: '2018-05-01', to: '2018-05-31' });
      expect(res.body.changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ party: 'MX', metric: 'regional_value_content@whole-vehicle', change: 'added', before: null, after: expect.objectContaining({ value: 70 }) }),
          expect.objectContaining({ party: 'US', metric: 'regional_value_content@high-value-parts', change: 'added', after: expect.objectContaining({ value: 75 }) }),
        ]),
      );
      const none = await server.get(`/negotiations/${NAFTA}/issues/${AUTO}/diff?from=2018-02-01&to=2018-03-01`);
      expect(none.status).toBe(200);
      expect(none.body.changes).toEqual([]);
    });
  });

  describe('GET /tariffs and GET /probes', () => {
    it('given the 2018 steel and aluminum tariffs, when GET /tariffs?asOf=2018-06-15&target=MX, then both are in force on Mexico (and none after their lifting in May 2019)', async () => {
      const res = await server.get('/tariffs?asOf=2018-06-15&target=MX');
      expect(res.status).toBe(200);
      expect(res.body.asOf).toBe('2018-06-15');
      expect(res.body.inForce.map((t: { product: string; target: string; rate: { value: number } }) => [t.product, t.target, t.rate.value]).sort()).toEqual([
        ['aluminum', 'MX', 10],
        ['steel', 'MX', 25],
      ]);
      const other = await server.get('/tariffs?asOf=2018-06-15&target=CN');
      expect(other.body.inForce).toEqual([]);
      const lifted = await server.get('/tariffs?asOf=2020-06-05&target=MX');
      expect(lifted.body.inForce).toEqual([]);
      const again = await server.get('/tariffs?asOf=2025-06-05&target=MX');
      expect(again.body.inForce.map((t: { product: string; target: string; rate: { value: number } }) => [t.product, t.target, t.rate.value]).sort()).toEqual([
        ['aluminum', '*', 50],
        ['steel', '*', 50],
      ]);
      const before = await server.get('/tariffs?asOf=2017-06-01&knownAt=2024-06-01');
      expect(before.body.inForce).toEqual([]);
    });

    it('given the NAFTA auto probe, when GET /probes?asOf=2018-06-01&negotiation=nafta-renegotiation, then it is open', async () => {
      const res = await server.get(`/probes?asOf=2018-06-01&negotiation=${NAFTA}`);
      expect(res.status).toBe(200);
      expect(res.body.open).toEqual([expect.objectContaining({ eventId: 'nafta-2018-05-23-us-probe-auto-imports', authority: 'Section 232' })]);
    });
  });

  describe('GET /openapi.json and /docs', () => {
    it('given the server, when GET /openapi.json, then it documents every route and error status', async () => {
      const res = await server.get('/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          '/events', '/events/{id}', '/timeline', '/negotiations', '/negotiations/{negotiation}', '/negotiations/{negotiation}/issues/{issue}',
          '/negotiations/{negotiation}/issues/{issue}/replay', '/negotiations/{negotiation}/issues/{issue}/diff', '/tariffs', '/probes', '/health',
        ]),
      );
      expect(Object.keys(res.body.paths['/events'].post.responses).sort()).toEqual(['201', '400', '401', '409', '413']);
      expect(res.body.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'details']);
    });

    it('given the published document, when real answers of every described route are checked against it, then each fits its documented schema', async () => {
      const { body: document } = await server.get('/openapi.json');
      const fits = documentedSchemaOf(document);
      const recorded = await server.post('/events', statement());
      expect(fits('/events', 'post', '201', recorded.body)).toEqual([]);
      const invalid = await server.post('/events', statement({ party: 'ZZZ' }));
      expect(fits('/events', 'post', '400', invalid.body)).toEqual([]);
      const page = await server.get(`/events?negotiation=${NAFTA}&limit=5`);
      expect(fits('/events', 'get', '200', page.body)).toEqual([]);
      expect(fits('/events/{id}', 'get', '200', (await server.get(`/events/${page.body.events[0].id}`)).body)).toEqual([]);
      const answers: Array<[string, string]> = [
        ['/negotiations/{negotiation}/issues/{issue}', `/negotiations/${NAFTA}/issues/${AUTO}?asOf=2018-05-25`],
        ['/timeline', `/timeline?negotiation=${NAFTA}`],
        ['/tariffs', '/tariffs?asOf=2025-06-05'],
        ['/probes', '/probes?asOf=2018-06-01'],
      ];
      for (const [route, url] of answers) {
        const res = await server.get(url);
        expect({ route, status: res.status, problems: fits(route, 'get', '200', res.body) }).toEqual({ route, status: 200, problems: [] });
      }
      // The check can fail: a field the document does not know is reported.
      expect(fits('/probes', 'get', '200', { ...(await server.get('/probes')).body, surprise: 1 })).not.toEqual([]);
    });

    it('given the documented maxLength of an event id, when POSTing ids of that length and one longer, then the documented limit is the enforced one', async () => {
      const { body } = await server.get('/openapi.json');
      const max: number = body.components.schemas.StatementIssued.properties.id.maxLength;
      expect(max).toBeGreaterThan(0);
      const ok = await server.post('/events', statement({ id: 'i'.repeat(max) }));
      expect(ok.status).toBe(201);
      const tooLong = await server.post('/events', statement({ id: 'j'.repeat(max + 1) }));
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.details).toEqual([expect.objectContaining({ index: 0, path: 'id' })]);
    });

    it('given the server, when GET /docs, then the interactive Swagger UI page is served', async () => {
      const res = await server.get('/docs');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.text).toMatch(/swagger-ui/i);
      expect(res.text).toContain('Parley API');
    });
  });
});
