import fc from 'fast-check';
import { EVENT_TYPES, validateEvent } from '../../events';
import { hasErrorShape, startTestServer, TestServer } from '../support/http-server';

/**
 * Property: whatever malformed body or query string arrives, the answer is a 4xx with the one error
 * shape, nothing is written, and the server keeps serving. One server for the whole property.
 */

const NAFTA = 'nafta-renegotiation';
const AUTO = 'auto-rules-of-origin';
const BODY_LIMIT = 256 * 1024;

interface Malformed {
  kind: string;
  method: string;
  path: string;
  /** Raw text sent as the body. */
  body?: string;
  contentType?: string;
}

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Valid events to start from (each run gets a fresh id, so an accidentally valid body would write).

const BASES: Array<{ event: Json; required: string[] }> = [
  {
    event: { type: 'StatementIssued', negotiation: NAFTA, party: 'MX', occurredAt: '2018-05-24', data: { speaker: 'Ildefonso Guajardo', quote: 'we will not buckle' } },
    required: ['type', 'negotiation', 'occurredAt', 'data', 'data.speaker', 'data.quote'],
  },
  {
    event: { type: 'OfferMade', negotiation: NAFTA, issue: AUTO, party: 'US', occurredAt: '2018-05', confidence: 'reported', data: { terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent' }] } },
    required: ['type', 'negotiation', 'issue', 'party', 'occurredAt', 'data', 'data.terms'],
  },
  {
    event: { type: 'ProbeLaunched', negotiation: NAFTA, issue: 'auto-tariffs', party: 'US', occurredAt: '2018-05-23', data: { authority: 'Section 232', subject: 'car imports', targets: ['*'] } },
    required: ['type', 'negotiation', 'occurredAt', 'data', 'data.authority', 'data.subject'],
  },
  {
    event: { type: 'TariffImposed', negotiation: 'steel-aluminum-tariffs-2018', issue: 'steel-aluminum-tariffs', party: 'US', occurredAt: '2018', data: { measure: 'Section 232', product: 'steel', rate: { value: 25, unit: 'percent' }, targets: ['MX'] } },
    required: ['type', 'negotiation', 'occurredAt', 'data', 'data.measure', 'data.product', 'data.rate', 'data.targets'],
  },
  {
    event: { type: 'RoundHeld', negotiation: NAFTA, occurredAt: '2018-03-05', source: { publisher: 'Reuters', title: 'round seven' }, data: { round: '7', location: 'Mexico City' } },
    required: ['type', 'negotiation', 'occurredAt', 'data'],
  },
];

let runCounter = 0;
const freshId = () => `prop-${process.pid}-${++runCounter}-${Math.random().toString(36).slice(2)}`;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const setPath = (target: Json, path: string, value: unknown): Json => {
  const keys = path.split('.');
  let node: Json = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Json;
  node[keys[keys.length - 1]] = value;
  return target;
};
const deletePath = (target: Json, path: string): Json => {
  const keys = path.split('.');
  let node: Json = target;
  for (const key of keys.slice(0, -1)) node = node[key] as Json;
  delete node[keys[keys.length - 1]];
  return target;
};

const baseArb = fc.constantFrom(...BASES).map((b) => ({ event: { id: freshId(), ...clone(b.event) } as Json, required: b.required }));

// ---------------------------------------------------------------------------------------------
// Bad values.

const year = fc.integer({ min: 1000, max: 2999 }).map(String);
const pad2 = (n: number) => String(n).padStart(2, '0');
/** Never a valid YYYY / YYYY-MM / YYYY-MM-DD date, nor a valid ISO instant. */
const badDate = fc.oneof(
  fc.constantFrom('2018-13', '2018-00', '2018-02-30', '2019-02-29', '2018-5-1', '18-05-24', '2018/05/24', '24.05.2018', 'yesterday', '', ' 2018', '2018-05-24 ', '+2018', '２０１８', '2018-W21', '2018-05-24T00:00:00'),
  fc.tuple(year, fc.integer({ min: 13, max: 99 })).map(([y, m]) => `${y}-${pad2(m)}`),
  fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 32, max: 99 })).map(([y, m, d]) => `${y}-${pad2(m)}-${d}`),
  fc.string({ maxLength: 30 }).map((s) => `x${s}`),
  fc.integer({ min: 10_000, max: 999_999 }).map(String),
);
/** Never a valid knownAt: a bad date, an instant without a time zone, or an impossible instant. */
const badKnownAt = fc.oneof(
  badDate,
  fc.constantFrom('2018-06', '2018', 'now', '2018-06-01T12:00:00', '2018-06-01T25:00:00Z', '2018-06-01 12:00:00Z', '2018-06-01T12:00:00ZZ', '2018-13-01T00:00:00Z'),
);
const hugeString = (min: number, max: number) => fc.integer({ min, max }).chain((n) => fc.constantFrom('a', 'Z', 'é', '-', '☃').map((c) => c.repeat(n)));
const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));
const notAnObject = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 20 }), fc.array(fc.integer(), { maxLength: 3 }));
const unknownType = fc.oneof(
  fc.constantFrom('OfferWithdrawn', 'offermade', 'OFFERMADE', 'Offer Made', '', 'EventCorrected ', '__proto__', 'constructor', 'toString'),
  fc.string({ maxLength: 40 }),
).filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
const invalidSlug = fc.oneof(
  fc.constantFrom('NAFTA', 'nafta_renegotiation', 'nafta--renegotiation', '-nafta', 'nafta-', 'naf ta', 'ñafta', '', 'a/b'),
  hugeString(101, 3000),
  fc.string({ maxLength: 20 }).map((s) => `${s}_X`),
);
const invalidParty = fc.oneof(fc.constantFrom('ZZ', 'QQ', 'XX', 'USA', 'M X', 'mexico_', '', 'Mx'), fc.string({ maxLength: 10 }).map((s) => `_${s}`));
/** Shallow (validation reports it) or deep (the parser must refuse it before anything recurses). */
const nestingDepth = fc.oneof(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 61, max: 20_000 }));
/** A body that looks like a depth-`depth` nest of arrays or objects around `inner`. */
const nest = (inner: string, depth: number, objects: boolean) => (objects ? '{"a":'.repeat(depth) + inner + '}'.repeat(depth) : '['.repeat(depth) + inner + ']'.repeat(depth));

// ---------------------------------------------------------------------------------------------
// Malformed bodies (POST /events with application/json).

const post = (kind: string, body: string, contentType = 'application/json'): Malformed => ({ kind, method: 'POST', path: '/events', body, contentType });

const isBrokenJson = (text: string) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
};

/** One invalid event (as an object), by one of several mutations of a valid one. */
const invalidEvent: fc.Arbitrary<{ kind: string; event: unknown }> = baseArb.chain(({ event, required }) =>
  fc.oneof(
    fc.constantFrom(...required).map((path) => ({ kind: `missing ${path}`, event: deletePath(clone(event), path) })),
    fc.tuple(fc.constantFrom('type', 'negotiation', 'occurredAt', 'id', 'party', 'issue', 'confidence'), notAString).map(([path, value]) => ({
      kind: `wrong type at ${path}`,
      event: setPath(clone(event), path, value),
    })),
    fc.tuple(fc.constantFrom('data', 'source'), notAnObject).map(([path, value]) => ({ kind: `wrong type at ${path}`, event: setPath(clone(event), path, value) })),
    badDate.map((d) => ({ kind: 'bad occurredAt', event: setPath(clone(event), 'occurredAt', d) })),
    badDate.filter((d) => d !== '').map((d) => ({ kind: 'bad source.publishedAt', event: setPath(clone(event), 'source', { publishedAt: d }) })),
    unknownType.map((t) => ({ kind: 'unknown type', event: setPath(clone(event), 'type', t) })),
    invalidSlug.map((s) => ({ kind: 'bad negotiation slug', event: setPath(clone(event), 'negotiation', s) })),
    invalidParty.map((p) => ({ kind: 'bad party', event: setPath(clone(event), 'party', p) })),
    fc.constantFrom('sure', 'CONFIRMED', '', 'maybe').map((c) => ({ kind: 'bad confidence', event: setPath(clone(event), 'confidence', c) })),
    fc.oneof(
      hugeString(129, 20_000).map((s) => ['id', s] as const),
      hugeString(101, 20_000).map((s) => ['negotiation', s] as const),
      hugeString(5001, 30_000).map((s) => ['source.quote', s] as const),
      hugeString(1001, 20_000).map((s) => ['source.title', s] as const),
    ).map(([path, value]) => ({ kind: `huge ${path}`, event: setPath(clone(event), path, value) })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })).filter(([key]) => !(key in event)).map(([key, value]) => ({
      kind: 'unknown field',
      event: { ...clone(event), [key]: value },
    })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !key.includes('.')), fc.jsonValue({ maxDepth: 3 })).filter(([key]) => !(key in (event.data as Json))).map(([key, value]) => ({
      kind: 'unknown data field',
      event: setPath(clone(event), `data.${key}`, value),
    })),
    fc.string({ maxLength: 20 }).map((id) => ({
      kind: 'dangling respondsTo',
      event: { id: freshId(), type: 'CounterofferMade', negotiation: NAFTA, issue: AUTO, party: 'MX', occurredAt: '2018-05-24', data: { terms: [{ metric: 'regional_value_content', value: 71, unit: 'percent' }], respondsTo: `missing-${id}` } },
    })),
    fc.string({ maxLength: 20 }).map((id) => ({
      kind: 'dangling correction',
      event: { id: freshId(), type: 'EventRetracted', negotiation: NAFTA, occurredAt: '2018-05-24', data: { retracts: `missing-${id}`, reason: 'wrong' } },
    })),
  ),
);

const validEvent = baseArb.map(({ event }) => event);

const malformedBody: fc.Arbitrary<Malformed> = fc.oneof(
  // broken JSON: truncated valid JSON, stray characters, or arbitrary text that does not parse
  fc.tuple(validEvent, fc.double({ min: 0, max: 1, noNaN: true })).map(([event, cut]) => {
    const text = JSON.stringify(event);
    return post('truncated JSON', text.slice(0, Math.max(1, Math.floor(text.length * cut))));
  }).filter((m) => isBrokenJson(m.body!)),
  fc.tuple(validEvent, fc.constantFrom('{', '}', ',', ':', '"', ']', 'undefined', "'", '\\')).map(([event, junk]) => {
    const text = JSON.stringify(event);
    const at = Math.floor(text.length / 2);
    return post('JSON with junk', text.slice(0, at) + junk + text.slice(at));
  }).filter((m) => isBrokenJson(m.body!)),
  fc.string({ maxLength: 200 }).filter(isBrokenJson).map((text) => post('not JSON', text)),
  fc.constantFrom('', ' ', '\n', '\t\r\n').map((text) => post('empty body', text)),
  // wrong top-level types
  fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 50 })).map((v) => post('scalar body', JSON.stringify(v))),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.constant(null), fc.boolean()), { minLength: 1, maxLength: 5 }).map((v) => post('array of scalars', JSON.stringify(v))),
  // one invalid event, alone, among valid ones, or in the envelope
  { weight: 12, arbitrary: invalidEvent.map(({ kind, event }) => post(kind, JSON.stringify(event))) },
  {
    weight: 4,
    arbitrary: fc.tuple(fc.array(validEvent, { maxLength: 3 }), invalidEvent, fc.array(validEvent, { maxLength: 3 })).map(([before, bad, after]) =>
      post(`batch with ${bad.kind}`, JSON.stringify([...before, bad.event, ...after])),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.array(validEvent, { maxLength: 2 }), invalidEvent).map(([good, bad]) => post(`envelope with ${bad.kind}`, JSON.stringify({ events: [...good, bad.event] }))),
  },
  // malformed envelopes
  fc.tuple(validEvent, fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.constantFrom('abc', '-1', '1.5', '', ' 3'), fc.boolean(), fc.constant(null), fc.array(fc.nat(), { maxLength: 2 }))).map(([event, revision]) =>
    post('bad expectedRevision', JSON.stringify({ events: [event], expectedRevision: revision })),
  ),
  notAnObject.filter((v) => !Array.isArray(v)).map((events) => post('events not an array', JSON.stringify({ events }))),
  fc.tuple(validEvent, fc.string({ minLength: 1, maxLength: 12 })).filter(([, key]) => key !== 'events' && key !== 'expectedRevision' && key !== 'type').map(([event, key]) =>
    post('envelope with unknown key', JSON.stringify({ events: [event], [key]: 1 })),
  ),
  // a valid event for the wrong negotiation under one expected revision
  fc.tuple(validEvent, validEvent).map(([a, b]) =>
    post('expectedRevision across negotiations', JSON.stringify({ events: [{ ...a, negotiation: NAFTA }, { ...b, negotiation: 'usmca-review-2026' }], expectedRevision: 0 })),
  ),
  // deep nesting: around the body, inside data, inside a field
  fc.tuple(validEvent, nestingDepth, fc.boolean()).map(([event, depth, objects]) => post(`nested body ${depth}`, nest(JSON.stringify(event), depth, objects))),
  fc.tuple(validEvent, nestingDepth, fc.boolean()).map(([event, depth, objects]) => {
    const text = JSON.stringify({ ...event, data: { ...(event.data as Json), deep: 0 } });
    return post(`nested in data ${depth}`, text.replace('"deep":0', `"deep":${nest('1', depth, objects)}`));
  }),
  fc.tuple(validEvent, nestingDepth, fc.boolean()).map(([event, depth, objects]) => {
    const text = JSON.stringify({ ...event, occurredAt: 0 });
    return post(`nested occurredAt ${depth}`, text.replace('"occurredAt":0', `"occurredAt":${nest('"2018"', depth, objects)}`));
  }),
  // over the body limit
  fc.tuple(validEvent, fc.integer({ min: BODY_LIMIT + 1, max: 3 * BODY_LIMIT })).map(([event, size]) =>
    post('over the body limit', JSON.stringify({ ...event, source: { quote: 'q'.repeat(size) } })),
  ),
  // not JSON at all
  fc.tuple(validEvent, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x')).map(([event, type]) =>
    post('wrong content type', JSON.stringify(event), type),
  ),
);

// ---------------------------------------------------------------------------------------------
// Malformed query strings and paths (GET).

const get = (kind: string, path: string, params: Array<[string, string]> = []): Malformed => {
  const query = new URLSearchParams(params).toString();
  return { kind, method: 'GET', path: query ? `${path}?${query}` : path };
};

const ISSUE = `/negotiations/${NAFTA}/issues/${AUTO}`;
/** Negotiations and issues of the bundled history: never "unknown". */
const EXISTING_SLUGS = [
  'nafta-renegotiation', 'steel-aluminum-talks-2025', 'steel-aluminum-tariffs-2018', 'us-mexico-critical-minerals', 'usmca-review-2026',
  'auto-rules-of-origin', 'auto-tariffs', 'dispute-settlement', 'electronics-rules-of-origin', 'services-trade', 'sunset-clause',
  'steel-aluminum-tariffs', 'critical-minerals', 'usmca-review',
];
const badLimit = fc.oneof(fc.constantFrom('0', '-1', '1001', 'ten', '1.5', 'NaN', 'Infinity', '1e4', '-0.5'), fc.integer({ min: 1001 }).map(String), fc.integer({ max: 0 }).map(String));
const badPosition = fc.oneof(fc.constantFrom('-1', 'abc', '1.5', '', ' 1', '1e3', '0x1', '9223372036854775808', '99999999999999999999', '123456789012345678901'), fc.string({ maxLength: 10 }).map((s) => `x${s}`));
const badTypeList = fc.oneof(unknownType.filter((t) => t !== '' && !t.includes(',')), fc.tuple(fc.constantFrom(...EVENT_TYPES), unknownType.filter((t) => t !== '' && !t.includes(','))).map(([a, b]) => `${a},${b}`));
const unknownParam = fc.string({ minLength: 1, maxLength: 20 });
const anyValue = fc.oneof(fc.string({ maxLength: 20 }), hugeString(1, 6000));

/** Routes that validate their query strictly, with the parameter names they accept. */
const STRICT_ROUTES: Array<[string, string[]]> = [
  ['/events', ['negotiation', 'issue', 'party', 'type', 'fromPosition', 'limit']],
  ['/timeline', ['negotiation', 'issue', 'party', 'type', 'from', 'to', 'knownAt']],
  [`/negotiations/${NAFTA}`, ['asOf', 'knownAt']],
  [ISSUE, ['asOf', 'knownAt']],
  [`${ISSUE}/replay`, ['from', 'to', 'knownAt']],
  [`${ISSUE}/diff?from=2018-01&to=2018-06`, ['from', 'to', 'knownAt']],
  ['/tariffs', ['asOf', 'knownAt', 'target']],
  ['/probes', ['asOf', 'knownAt', 'negotiation']],
];

const withDiff = (path: string, params: Array<[string, string]>): Malformed => {
  // The diff route needs from and to; a malformed one replaces them.
  if (!path.includes('/diff?')) return get('query', path, params);
  const base = path.split('?')[0];
  const has = (key: string) => params.some(([k]) => k === key);
  const defaults: Array<[string, string]> = [...(has('from') ? [] : [['from', '2018-01'] as [string, string]]), ...(has('to') ? [] : [['to', '2018-06'] as [string, string]])];
  return get('query', base, [...defaults, ...params]);
};

const dateParam: Record<string, fc.Arbitrary<string>> = { asOf: badDate, from: badDate, to: badDate, knownAt: badKnownAt };
const badValueFor = (param: string): fc.Arbitrary<string> | undefined =>
  ({
    ...dateParam,
    limit: badLimit,
    fromPosition: badPosition,
    type: badTypeList,
    party: invalidParty,
    target: invalidParty.filter((p) => p !== '*'),
    negotiation: invalidSlug,
    issue: invalidSlug,
  })[param];

const malformedQuery: fc.Arbitrary<Malformed> = fc.oneof(
  // one parameter with a bad value (possibly huge), the others absent
  {
    weight: 8,
    arbitrary: fc.constantFrom(...STRICT_ROUTES).chain(([path, params]) =>
      fc.constantFrom(...params.filter((p) => badValueFor(p) !== undefined)).chain((param) =>
        badValueFor(param)!.map((value) => ({ ...withDiff(path, [[param, value]]), kind: `bad ${param} on ${path.split('?')[0]}` })),
      ),
    ),
  },
  // an unknown parameter
  fc.tuple(fc.constantFrom(...STRICT_ROUTES), unknownParam, anyValue)
    .filter(([[, params], key]) => !params.includes(key))
    .map(([[path], key, value]) => ({ ...withDiff(path, [[key, value]]), kind: `unknown parameter on ${path.split('?')[0]}` })),
  // a single-valued parameter given twice (an array where a string is expected)
  fc.constantFrom(...STRICT_ROUTES).chain(([path, params]) =>
    fc.constantFrom(...params.filter((p) => ['asOf', 'knownAt', 'from', 'to', 'limit', 'fromPosition', 'target', 'negotiation', 'party', 'issue'].includes(p))).map((param) => {
      const ok: Record<string, string> = { asOf: '2018-05-25', knownAt: '2024-06-01', from: '2018-01', to: '2018-06', limit: '5', fromPosition: '3', target: 'MX', negotiation: NAFTA, party: 'MX', issue: AUTO };
      return { ...withDiff(path, [[param, ok[param]], [param, ok[param]]]), kind: `repeated ${param}` };
    }),
  ),
  // diff without its required days
  fc.constantFrom<Array<[string, string]>>([], [['from', '2018-01']], [['to', '2018-06']]).map((params) => get('diff without from/to', `${ISSUE}/diff`, params)),
  // bad or unknown path parameters
  invalidSlug.filter((s) => s !== '' && !s.includes('/') && s.length <= 100).map((slug) => get('invalid negotiation slug', `/negotiations/${encodeURIComponent(slug)}`)),
  invalidSlug.filter((s) => s !== '' && !s.includes('/') && s.length <= 100).map((slug) => get('invalid issue slug', `/negotiations/${NAFTA}/issues/${encodeURIComponent(slug)}`)),
  fc.stringMatching(/^[a-z0-9]{1,20}(-[a-z0-9]{1,20}){0,2}$/).filter((s) => !EXISTING_SLUGS.includes(s)).chain((slug) =>
    fc.constantFrom(`/negotiations/${slug}`, `/negotiations/${slug}/issues/${AUTO}`, `/negotiations/${NAFTA}/issues/${slug}`, `/negotiations/${NAFTA}/issues/${slug}/replay`).map((path) => get('unknown negotiation or issue', path)),
  ),
  fc.string({ minLength: 1, maxLength: 60 }).map((id) => get('unknown event id', `/events/${encodeURIComponent(`missing-${id}`)}`)),
  fc.constantFrom('/events/%E0%A4%A', '/events/%', '/negotiations/%zz', '/nothing', '/events/a/b', '/negotiations/nafta-renegotiation/issues', '/openapi.yaml').map((path) => get('bad path', path)),
);

const malformed: fc.Arbitrary<Malformed> = fc.oneof({ weight: 6, arbitrary: malformedBody }, { weight: 4, arbitrary: malformedQuery });

// ---------------------------------------------------------------------------------------------

describe('malformed requests (property, fast-check)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ bodyLimitBytes: BODY_LIMIT });
  });
  afterAll(() => server.close());

  it('the base events are valid, so every failure below comes from the mutation', () => {
    for (const { event } of BASES) expect(validateEvent({ id: freshId(), ...event }).problems).toEqual([]);
  });

  it('given 1 000 malformed bodies and query strings, when each is sent, then each gets a 4xx with the error shape, nothing is written, and /health is 200 at the end', async () => {
    const before = await server.snapshot();
    const head = async () => (await server.get('/health')).body.store.headPosition;
    const seen = new Map<string, number>();

    await fc.assert(
      fc.asyncProperty(malformed, async (request) => {
        const headers: Record<string, string> = request.contentType ? { 'content-type': request.contentType } : {};
        const response = await fetch(server.url + request.path, { method: request.method, body: request.body, headers });
        const text = await response.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        const summary = { kind: request.kind, path: request.path.slice(0, 200), status: response.status, body: text.slice(0, 300) };
        if (response.status < 400 || response.status >= 500) throw new Error(`expected a 4xx: ${JSON.stringify(summary)}`);
        if (!hasErrorShape(body)) throw new Error(`expected the error shape: ${JSON.stringify(summary)}`);
        if ((await head()) !== before.headPosition) throw new Error(`the store changed: ${JSON.stringify(summary)}`);
        const family = request.kind.replace(/\d+/g, 'N');
        seen.set(family, (seen.get(family) ?? 0) + 1);
      }),
      { numRuns: 1000 },
    );

    const health = await server.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(await server.snapshot()).toEqual(before);
    // The generator really did cover the families of malformed input.
    const kinds = [...seen.keys()];
    if (process.env.PARLEY_PROPERTY_STATS) console.log([...seen.entries()].sort((a, b) => b[1] - a[1]));
    for (const family of [
      'truncated JSON', 'JSON with junk', 'not JSON', 'empty body', 'scalar body', 'unknown type', 'bad occurredAt', 'missing ', 'wrong type at ', 'huge ', 'nested ',
      'dangling ', 'bad expectedRevision', 'over the body limit', 'wrong content type', 'unknown parameter on', 'repeated ', 'unknown event id', 'unknown negotiation or issue', 'bad path',
    ]) {
      expect([family, kinds.some((k) => k.includes(family))]).toEqual([family, true]);
    }
    expect(kinds.some((k) => k.startsWith('bad ') && k.includes(' on '))).toBe(true);
  }, 120_000);

  it('given 800 invalid events in one batch, then the 400 lists the first 100 problems and counts the rest (a small body, not one entry per event)', async () => {
    const response = await server.post('/events', Array.from({ length: 800 }, (_, i) => ({ ...BASES[0].event, id: `bad-${i}`, occurredAt: 'later' })));
    expect(response.status).toBe(400);
    expect(response.body.error.details).toHaveLength(100);
    expect(response.body.error.message).toMatch(/700 more problems not listed \(800 in all/);
    expect(response.text.length).toBeLessThan(50_000);
  });
});
