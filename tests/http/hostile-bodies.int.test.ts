import { gzipSync } from 'node:zlib';
import { startTestServer, TestServer } from '../support/http-server';
import { HostileCase, rawRequest, runHostileCase, tableRows, tally, verdictCounts } from '../support/hostile-input';

/**
 * The red-team report's 182 hand-built write inputs (section 3: POST bodies, content types, other
 * methods), one table row each, against one server with the bundled history. The cases live here:
 * nothing is read from the report at run time.
 */

const NAFTA = 'nafta-renegotiation';
const AUTO = 'auto-rules-of-origin';
const MiB = 1024 * 1024;

type Json = Record<string, any>;
let serial = 0;
/** A fresh id for each event, so that a body wrongly accepted always writes (and is caught). */
const id = () => `hostile-${process.pid}-${++serial}`;

const statement = (over: Json = {}, data: Json = {}): Json => ({
  id: id(),
  type: 'StatementIssued',
  negotiation: NAFTA,
  party: 'MX',
  occurredAt: '2018-05-24',
  ...over,
  data: { speaker: 'Ildefonso Guajardo', quote: 'we will not buckle', ...data },
});
const offer = (over: Json = {}, term: Json = {}): Json => ({
  id: id(),
  type: 'OfferMade',
  negotiation: NAFTA,
  issue: AUTO,
  party: 'US',
  occurredAt: '2018-05',
  ...over,
  data: { terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent', ...term }] },
});
const tariff = (rate: Json): Json => ({
  id: id(),
  type: 'TariffImposed',
  negotiation: 'steel-aluminum-tariffs-2018',
  issue: 'steel-aluminum-tariffs',
  party: 'US',
  occurredAt: '2018-06-01',
  data: { measure: 'Section 232', product: 'steel', rate, targets: ['MX'] },
});
const without = (event: Json, key: string): Json => {
  const copy = { ...event };
  delete copy[key];
  return copy;
};
const withoutData = (event: Json, key: string): Json => ({ ...event, data: without(event.data, key) });

const json = (value: unknown) => JSON.stringify(value);
const post = (body: string | Buffer | (() => string | Buffer), contentType: string | null = 'application/json', headers: Record<string, string> = {}) => ({
  method: 'POST',
  path: '/events',
  body,
  contentType,
  headers,
});
/** A raw POST /events whose head is written as given (Content-Length lies, chunked bodies). */
const rawPost = (headers: string, body: Buffer | string) => ({ raw: () => rawRequest(URL_PLACEHOLDER, `POST /events HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n${headers}`, body) });
let URL_PLACEHOLDER = 'http://127.0.0.1:1';

const reject = (cls: string, name: string, body: unknown, names: string | RegExp, extra: Partial<HostileCase> = {}): HostileCase => ({
  cls,
  name,
  verdict: 'must-reject',
  request: post(typeof body === 'string' || Buffer.isBuffer(body) || typeof body === 'function' ? (body as string) : json(body)),
  names,
  ...extra,
});
const accept = (cls: string, name: string, body: unknown, extra: Partial<HostileCase> = {}): HostileCase => ({
  cls,
  name,
  verdict: 'accept',
  request: post(typeof body === 'string' ? body : json(body)),
  ...extra,
});

// ---------------------------------------------------------------------------------------------
const MALFORMED = 'malformed JSON';
const valid = json(statement());
const malformedJson: HostileCase[] = [
  reject(MALFORMED, 'unterminated object', valid.slice(0, -1), 'invalid JSON'),
  reject(MALFORMED, 'unterminated string', '{"type":"StatementIss', 'invalid JSON'),
  reject(MALFORMED, 'unterminated array', `[${valid},`, 'invalid JSON'),
  reject(MALFORMED, 'trailing garbage', `${valid}xyz`, 'invalid JSON'),
  reject(MALFORMED, 'trailing comma', valid.replace(/}$/, ',}'), 'invalid JSON'),
  reject(MALFORMED, 'NaN literal', valid.replace('"we will not buckle"', 'NaN'), 'invalid JSON'),
  reject(MALFORMED, 'Infinity literal', valid.replace('"we will not buckle"', 'Infinity'), 'invalid JSON'),
  reject(MALFORMED, '-Infinity literal', valid.replace('"we will not buckle"', '-Infinity'), 'invalid JSON'),
  reject(MALFORMED, 'byte order mark', `\uFEFF${valid}`, /byte order mark/),
  reject(MALFORMED, 'single quotes', valid.replace(/"/g, "'"), 'invalid JSON'),
  reject(MALFORMED, 'block comment', `/* note */ ${valid}`, 'invalid JSON'),
  reject(MALFORMED, 'line comment', `// note\n${valid}`, 'invalid JSON'),
  reject(MALFORMED, 'unquoted keys', valid.replace(/"(\w+)":/g, '$1:'), 'invalid JSON'),
  reject(MALFORMED, 'empty body', '', 'empty'),
  reject(MALFORMED, 'whitespace-only body', ' \n\t ', 'empty'),
  reject(MALFORMED, 'invalid UTF-8 inside a string', Buffer.concat([Buffer.from(valid.slice(0, 40)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(valid.slice(40))]), 'UTF-8'),
  reject(MALFORMED, 'binary body', Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x80, 0x81, 0x00, 0x9f, 0xc0, 0xaf]), 'UTF-8'),
  reject(MALFORMED, 'NDJSON sent as application/json', `${json(statement())}\n${json(statement())}\n`, /application\/x-ndjson/),
];

// ---------------------------------------------------------------------------------------------
const SHAPE = 'wrong shape';
const wrongShape: HostileCase[] = [
  reject(SHAPE, 'null', 'null', 'expected an event object'),
  reject(SHAPE, 'true', 'true', 'expected an event object'),
  reject(SHAPE, '123', '123', 'expected an event object'),
  reject(SHAPE, 'a string', '"StatementIssued"', 'expected an event object'),
  reject(SHAPE, 'an array of scalars', '[1,"two",null]', 'expected an event object'),
  reject(SHAPE, 'an array of arrays', json([[statement()]]), 'expected an event object'),
  reject(SHAPE, 'an empty object', '{}', '"type"'),
];

// ---------------------------------------------------------------------------------------------
const TYPES = 'wrong types or values';
const retraction = (negotiation: string, retracts: string): Json => ({ id: id(), type: 'EventRetracted', negotiation, occurredAt: '2019-01-01', data: { retracts, reason: 'wrong' } });
const wrongTypes: HostileCase[] = [
  reject(TYPES, 'type a number', statement({ type: 5 }), '"type"'),
  reject(TYPES, 'type unknown', statement({ type: 'OfferWithdrawn' }), '"type"'),
  reject(TYPES, 'type in lower case', statement({ type: 'statementissued' }), '"type"'),
  reject(TYPES, 'negotiation missing', without(statement(), 'negotiation'), '"negotiation"'),
  reject(TYPES, 'negotiation in upper case', statement({ negotiation: 'NAFTA' }), '"negotiation"'),
  reject(TYPES, 'negotiation a number', statement({ negotiation: 7 }), '"negotiation"'),
  reject(TYPES, 'negotiation with a space', statement({ negotiation: 'nafta renegotiation' }), '"negotiation"'),
  reject(TYPES, 'occurredAt missing', without(statement(), 'occurredAt'), '"occurredAt"'),
  reject(TYPES, 'occurredAt a number', statement({ occurredAt: 2018 }), '"occurredAt"'),
  reject(TYPES, 'occurredAt a word', statement({ occurredAt: 'yesterday' }), '"occurredAt"'),
  reject(TYPES, 'occurredAt an interval that ends before it starts', statement({ occurredAt: '2018-06/2018-01' }), '"occurredAt"'),
  reject(TYPES, 'data missing', without(statement(), 'data'), '"data"'),
  reject(TYPES, 'data a string', { ...statement(), data: 'we will not buckle' }, '"data"'),
  reject(TYPES, 'data an array', { ...statement(), data: [] }, '"data"'),
  reject(TYPES, 'speaker missing', withoutData(statement(), 'speaker'), '"data.speaker"'),
  reject(TYPES, 'speaker a number', statement({}, { speaker: 42 }), '"data.speaker"'),
  reject(TYPES, 'speaker empty', statement({}, { speaker: '' }), '"data.speaker"'),
  reject(TYPES, 'quote missing', withoutData(statement(), 'quote'), '"data.quote"'),
  reject(TYPES, 'unknown top-level key', statement({ colour: 'red' }), 'colour'),
  reject(TYPES, 'unknown data key', statement({}, { mood: 'tense' }), 'mood'),
  reject(TYPES, 'unknown source key', statement({ source: { publisher: 'Reuters', author: 'x' } }), 'author'),
  reject(TYPES, 'confidence not in the vocabulary', statement({ confidence: 'sure' }), '"confidence"'),
  reject(TYPES, 'confidence a number', statement({ confidence: 1 }), '"confidence"'),
  reject(TYPES, 'party not a country', statement({ party: 'ZZ' }), '"party"'),
  reject(TYPES, 'party a three-letter code', statement({ party: 'USA' }), '"party"'),
  reject(TYPES, 'party a country code in lower case', statement({ party: 'mx' }), /"party".*MX/),
  reject(TYPES, 'party a number', statement({ party: 52 }), '"party"'),
  reject(TYPES, 'issue in upper case', offer({ issue: 'AUTO' }), '"issue"'),
  reject(TYPES, 'issue missing on a position', without(offer(), 'issue'), '"issue"'),
  reject(TYPES, 'source.url not a URL', statement({ source: { url: 'not a url' } }), '"source.url"'),
  reject(TYPES, 'source.url javascript:', statement({ source: { url: 'javascript:alert(document.domain)' } }), '"source.url"'),
  reject(TYPES, 'source.url ftp:', statement({ source: { url: 'ftp://example.com/a.txt' } }), '"source.url"'),
  reject(TYPES, 'terms empty', { ...offer(), data: { terms: [] } }, '"data.terms"'),
  reject(TYPES, 'term with a value and no unit', offer({}, { unit: undefined }), 'data.terms[0].unit'),
  reject(TYPES, 'term in the wrong unit for its metric', offer({}, { unit: 'years' }), 'data.terms[0].unit'),
  reject(TYPES, 'term value a string', offer({}, { value: '75' }), 'data.terms[0].value'),
  reject(TYPES, 'respondsTo an event that does not exist', { ...offer(), type: 'CounterofferMade', data: { terms: [{ metric: 'regional_value_content', value: 70, unit: 'percent' }], respondsTo: 'no-such-offer' } }, 'no-such-offer'),
  reject(TYPES, 'retracting an event of another negotiation', retraction('usmca-review-2026', 'nafta-2018-05-24-us-offer-rvc-75'), 'nafta-2018-05-24-us-offer-rvc-75'),
  reject(TYPES, 'tariff rate negative', tariff({ value: -5, unit: 'percent' }), 'data.rate.value'),
  reject(TYPES, 'tariff rate in an unknown unit', tariff({ value: 25, unit: 'percentage' }), 'data.rate.unit'),
  reject(TYPES, 'batch envelope with events not an array', { events: statement() }, '"events"'),
  reject(TYPES, 'batch envelope with an unknown key', { events: [statement()], dryRun: true }, 'dryRun'),
  reject(TYPES, 'expectedRevision -1', { events: [statement()], expectedRevision: -1 }, '"expectedRevision"'),
  reject(TYPES, 'expectedRevision 1.5', { events: [statement()], expectedRevision: 1.5 }, '"expectedRevision"'),
  reject(TYPES, 'expectedRevision "abc"', { events: [statement()], expectedRevision: 'abc' }, '"expectedRevision"'),
  reject(TYPES, 'expectedRevision far beyond the stream', { events: [statement()], expectedRevision: 99_999_999 }, /99999999/, { status: 409 }),
  reject(TYPES, 'expectedRevision across negotiations', { events: [statement(), statement({ negotiation: 'usmca-review-2026' })], expectedRevision: 0 }, 'expectedRevision'),
  reject(TYPES, 'one bad event of three', [statement(), statement({ occurredAt: '2018-02-30' }), statement()], 'event #1'),
];

// ---------------------------------------------------------------------------------------------
const HUGE = 'huge strings';
const manyParties = (party: string) => () => json({ id: id(), type: 'NegotiationLaunched', negotiation: 'hostile-many-parties', occurredAt: '2020', data: { title: 't', parties: Array.from({ length: 1_000_000 }, () => party) } });
const hugeStrings: HostileCase[] = [
  reject(HUGE, 'speaker of 501 characters', statement({}, { speaker: 's'.repeat(501) }), '"data.speaker"'),
  reject(HUGE, 'quote of 10 001 characters', statement({}, { quote: 'q'.repeat(10_001) }), '"data.quote"'),
  reject(HUGE, 'quote of 5 MB', () => json(statement({}, { quote: 'q'.repeat(5 * MiB) })), '"data.quote"'),
  reject(HUGE, 'key of 5 MB', () => json(statement({ ['k'.repeat(5 * MiB)]: 1 })), 'kkkkkkkk'),
  {
    cls: HUGE,
    name: 'body of 11 MiB',
    verdict: 'must-reject',
    request: rawPost(`Content-Type: application/json\r\nContent-Length: ${11 * MiB + 2}`, `"${'x'.repeat(11 * MiB)}"`),
    names: /too large/i,
    status: 413,
  },
  reject(HUGE, 'type of 1 MB', () => json(statement({ type: 'T'.repeat(MiB) })), '"type"'),
  reject(HUGE, 'metric name of 101 characters', offer({}, { metric: 'm'.repeat(101) }), 'data.terms[0].metric'),
  reject(HUGE, '1 M valid parties (over the 1 000 items an array may hold)', manyParties('MX'), /data\.parties.*at most 1000 items/),
  reject(HUGE, '1 M invalid parties', manyParties('Xx'), 'data.parties'),
];

// ---------------------------------------------------------------------------------------------
const DEEP = 'deep nesting';
const deepNesting: HostileCase[] = [
  reject(DEEP, '65 levels of arrays around an event', `${'['.repeat(64)}${valid}${']'.repeat(64)}`, /nests .* 64 levels/),
  reject(DEEP, '65 levels of objects inside data', valid.replace('"quote":', `"deep":${'{"a":'.repeat(64)}1${'}'.repeat(64)},"quote":`), /nests .* 64 levels/),
  reject(DEEP, '100 000 opening brackets', '['.repeat(100_000), /nests .* 64 levels/),
  reject(DEEP, '1 M nested objects', () => `${'{"a":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)}`, /nests .* 64 levels/),
  accept(DEEP, 'brackets inside a quote', statement({}, { quote: `${'['.repeat(5000)}${'{'.repeat(4000)}` })),
  accept(DEEP, 'brackets and escaped quotes inside a speaker', statement({}, { speaker: `\\"${'[{'.repeat(200)}` })),
];

// ---------------------------------------------------------------------------------------------
const PROTO = 'prototype keys';
const withKey = (target: 'top' | 'data' | 'source' | 'term' | 'envelope', key: string, value: unknown) => () => {
  const marker = '"__marker__":0';
  const base =
    target === 'top' ? { ...statement(), __marker__: 0 }
    : target === 'data' ? statement({}, { __marker__: 0 })
    : target === 'source' ? statement({ source: { publisher: 'Reuters', __marker__: 0 } })
    : target === 'term' ? offer({}, { __marker__: 0 })
    : { events: [statement()], __marker__: 0 };
  // A literal key in the JSON text (an object literal would set the prototype instead).
  return json(base).replace(marker, `${json(key)}:${json(value)}`);
};
const protoKeys: HostileCase[] = [
  reject(PROTO, '__proto__ at the top level', withKey('top', '__proto__', { polluted: 'yes' }), '__proto__'),
  reject(PROTO, 'constructor at the top level', withKey('top', 'constructor', { prototype: { polluted: 'yes' } }), 'constructor'),
  reject(PROTO, 'hasOwnProperty at the top level', withKey('top', 'hasOwnProperty', 1), 'hasOwnProperty'),
  reject(PROTO, 'toString at the top level', withKey('top', 'toString', 'x'), 'toString'),
  reject(PROTO, '__proto__ in data', withKey('data', '__proto__', { polluted: 'yes' }), '__proto__'),
  reject(PROTO, 'constructor in data', withKey('data', 'constructor', { prototype: { polluted: 'yes' } }), 'constructor'),
  reject(PROTO, '__proto__ in source', withKey('source', '__proto__', { polluted: 'yes' }), '__proto__'),
  reject(PROTO, '__proto__ in a term', withKey('term', '__proto__', { polluted: 'yes' }), '__proto__'),
  reject(PROTO, '__proto__ in the batch envelope', withKey('envelope', '__proto__', { polluted: 'yes' }), '__proto__'),
  reject(PROTO, 'constructor in the batch envelope', withKey('envelope', 'constructor', 1), 'constructor'),
];

// ---------------------------------------------------------------------------------------------
const UNICODE = 'unicode and NUL';
const unicode: HostileCase[] = [
  { cls: UNICODE, name: 'NUL inside a speaker', verdict: 'either', request: post(json(statement({}, { speaker: 'Ildefonso\u0000Guajardo' }))) },
  reject(UNICODE, 'NUL inside an id', statement({ id: `nul\u0000id-${process.pid}` }), '"id"'),
  reject(UNICODE, 'NUL inside a negotiation', statement({ negotiation: 'nafta\u0000renegotiation' }), '"negotiation"'),
  reject(UNICODE, 'a lone surrogate in a quote', json(statement()).replace('we will not buckle', 'we will \\ud800 buckle'), /lone surrogate|surrogate/),
  accept(UNICODE, 'a right-to-left override in a quote', statement({}, { quote: 'no \u202Eelcub ton lliw ew' })),
  accept(UNICODE, 'emoji in a quote', statement({}, { quote: 'we will not buckle 🇲🇽🚗' })),
  accept(UNICODE, 'a zero-width joiner in a speaker', statement({}, { speaker: 'Ildefonso\u200DGuajardo' })),
  reject(UNICODE, 'full-width digits in a date', statement({ occurredAt: '２０１８-０５-２４' }), '"occurredAt"'),
  reject(UNICODE, 'Arabic-Indic digits in a date', statement({ occurredAt: '٢٠١٨-٠٥-٢٤' }), '"occurredAt"'),
];

// ---------------------------------------------------------------------------------------------
const DATES = 'invalid dates';
const at = (occurredAt: string) => statement({ occurredAt });
const badDate = (value: string) => reject(DATES, `occurredAt ${JSON.stringify(value)}`, at(value), '"occurredAt"');
const dates: HostileCase[] = [
  badDate('2018-02-30'),
  badDate('2019-02-29'),
  accept(DATES, 'occurredAt 2020-02-29 (a leap day)', at('2020-02-29')),
  accept(DATES, 'occurredAt 0000-01-01', at('0000-01-01')),
  accept(DATES, 'occurredAt 0000-02-29 (year 0 is a leap year, as 0000-01-01 is a year)', at('0000-02-29')),
  badDate('99999-01-01'),
  badDate('2018-13-01'),
  badDate('2018-00-10'),
  badDate('2018-05-00'),
  badDate('2018-1-1'),
  badDate(' 2018-05-24'),
  badDate('2018-05-24T10:00:00Z'),
  badDate(''),
  badDate('2018-W21'),
  badDate('+002018-05-24'),
  badDate('-2018-05-24'),
  badDate('2018-04-31'),
  badDate('2018-05-24\n'),
  accept(DATES, 'occurredAt 9999-12-31', at('9999-12-31')),
  reject(DATES, 'RoundHeld endedOn 2018-02-30', { id: id(), type: 'RoundHeld', negotiation: NAFTA, occurredAt: '2018-03-05', data: { round: '7', location: 'Mexico City', endedOn: '2018-02-30' } }, '"data.endedOn"'),
  reject(DATES, 'source.publishedAt 2018-02-30', statement({ source: { publisher: 'Reuters', publishedAt: '2018-02-30' } }), '"source.publishedAt"'),
];

// ---------------------------------------------------------------------------------------------
const NUMBERS = 'numbers';
const numbers: HostileCase[] = [
  reject(NUMBERS, 'term value 1e309', json(offer()).replace('"value":75', '"value":1e309'), 'data.terms[0].value'),
  reject(NUMBERS, 'term value -1e309', json(offer()).replace('"value":75', '"value":-1e309'), 'data.terms[0].value'),
  accept(NUMBERS, 'term value -0', json(offer()).replace('"value":75', '"value":-0')),
  accept(NUMBERS, 'term value 1e-400 (zero)', json(offer()).replace('"value":75', '"value":1e-400')),
  { cls: NUMBERS, name: 'a 30-digit value on a metric of no known unit', verdict: 'either', request: post(json(offer({}, { metric: 'quota', unit: 'tonnes' })).replace('"value":75', '"value":123456789012345678901234567890')) },
  reject(NUMBERS, '-50 % on a percent metric', offer({}, { value: -50 }), /data\.terms\[0\]\.value.*percent/),
  reject(NUMBERS, '1e300 % on a percent metric', offer({}, { value: 1e300 }), /data\.terms\[0\]\.value.*percent/),
  reject(NUMBERS, 'tariff rate 1e309', json(tariff({ value: 25, unit: 'percent' })).replace('"value":25', '"value":1e309'), 'data.rate.value'),
  reject(NUMBERS, 'expectedRevision 1e309', `{"events":[${json(statement())}],"expectedRevision":1e309}`, '"expectedRevision"'),
  reject(NUMBERS, 'speaker a number', statement({}, { speaker: 1e5 }), '"data.speaker"'),
];

// ---------------------------------------------------------------------------------------------
const IDS = 'ids';
const emoji = (n: number) => '😀'.repeat(n);
const ids: HostileCase[] = [
  reject(IDS, 'id of 129 characters', statement({ id: `h${process.pid}`.padEnd(129, 'x') }), '"id"'),
  accept(IDS, 'id of 128 characters', statement({ id: `h${process.pid}`.padEnd(128, 'x') })),
  reject(IDS, 'id empty', statement({ id: '' }), '"id"'),
  reject(IDS, 'id a number', statement({ id: 5 }), '"id"'),
  reject(IDS, 'id null', statement({ id: null }), '"id"'),
  accept(IDS, 'id of 64 emoji (128 UTF-16 units)', statement({ id: `${emoji(63)}${String(process.pid % 100).padStart(2, '0')}` })),
  reject(IDS, 'id of 65 emoji (130 UTF-16 units)', statement({ id: emoji(65) }), '"id"'),
  accept(IDS, 'id with slashes and dots', statement({ id: `a/../b/./${process.pid}` })),
  reject(IDS, 'id of whitespace only', statement({ id: ' \t ' }), /"id".*whitespace/),
  accept(IDS, 'id with SQL in it', statement({ id: `x' OR 1=1-- ${process.pid}` })),
];

// ---------------------------------------------------------------------------------------------
const EMPTY = 'empty batches';
const emptyBatches: HostileCase[] = [
  accept(EMPTY, '[]', '[]'),
  accept(EMPTY, '{ events: [] }', { events: [] }),
  reject(EMPTY, '{ events: [], expectedRevision: 5 }', { events: [], expectedRevision: 5 }, /"expectedRevision".*empty/),
];

// ---------------------------------------------------------------------------------------------
const CT = 'content-type lies';
const lie = (name: string, contentType: string | null, body: string | Buffer, names: string | RegExp, status?: number, headers: Record<string, string> = {}): HostileCase => ({
  cls: CT,
  name,
  verdict: 'must-reject',
  request: post(body, contentType, headers),
  names,
  status,
});
const contentTypes: HostileCase[] = [
  lie('text/plain', 'text/plain', json(statement()), 'text/plain', 415),
  lie('a form', 'application/x-www-form-urlencoded', 'type=StatementIssued&negotiation=nafta-renegotiation', 'application/x-www-form-urlencoded', 415),
  lie('multipart', 'multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="e"\r\n\r\n${json(statement())}\r\n--x--\r\n`, 'multipart/form-data', 415),
  {
    cls: CT,
    name: 'no content type',
    verdict: 'must-reject',
    request: rawPost(`Content-Length: ${Buffer.byteLength(json(statement()))}`, json(statement())),
    names: /content-type/i,
    status: 415,
  },
  { cls: CT, name: 'application/x-ndjson', verdict: 'accept', request: post(`${json(statement())}\n${json(statement())}\n`, 'application/x-ndjson') },
  { cls: CT, name: 'APPLICATION/JSON in upper case', verdict: 'accept', request: post(json(statement()), 'APPLICATION/JSON') },
  lie('application/json; charset=latin1', 'application/json; charset=latin1', json(statement()), /charset/, 415),
  lie('application/json-seq', 'application/json-seq', `\x1e${json(statement())}\n`, 'application/json-seq', 415),
  lie('application/jsonx', 'application/jsonx', json(statement()), 'application/jsonx', 415),
  lie('text/plain; application/json', 'text/plain; application/json', json(statement()), 'text/plain', 415),
  lie('application/vnd.api+json', 'application/vnd.api+json', json(statement()), 'application/vnd.api+json', 415),
  lie('text/json', 'text/json', json(statement()), 'text/json', 415),
  lie('a form body sent as JSON', 'application/json', 'type=StatementIssued&negotiation=nafta-renegotiation', 'invalid JSON', 400),
  lie('a gzip body', 'application/json', gzipSync(json(statement())), /gzip/, 415, { 'content-encoding': 'gzip' }),
  {
    cls: CT,
    name: 'Content-Length larger than the body',
    verdict: 'must-reject',
    request: rawPost('Content-Type: application/json\r\nContent-Length: 5000', json(statement())),
    names: /Content-Length/i,
  },
  {
    cls: CT,
    name: 'Content-Length smaller than the body',
    verdict: 'must-reject',
    request: rawPost('Content-Type: application/json\r\nContent-Length: 20', json(statement())),
    names: /Content-Length/,
    status: 400,
  },
  {
    cls: CT,
    name: 'Content-Length negative',
    verdict: 'must-reject',
    request: rawPost('Content-Type: application/json\r\nContent-Length: -1', json(statement())),
    names: /Content-Length/i,
    status: 400,
  },
  {
    cls: CT,
    name: 'Content-Length and Transfer-Encoding together',
    verdict: 'must-reject',
    request: rawPost('Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked', `${json(statement()).length.toString(16)}\r\n${json(statement())}\r\n0\r\n\r\n`),
    names: /Content-Length|Transfer-Encoding/i,
    status: 400,
  },
  {
    cls: CT,
    name: 'chunked body of 12 MiB',
    verdict: 'must-reject',
    request: rawPost('Content-Type: application/json\r\nTransfer-Encoding: chunked', `${(12 * MiB).toString(16)}\r\n${'x'.repeat(12 * MiB)}\r\n0\r\n\r\n`),
    names: /too large/i,
    status: 413,
  },
];

// ---------------------------------------------------------------------------------------------
const METHODS = 'other methods';
const EXISTING = 'nafta-2017-launch';
const method = (verb: string, path: string, headers: Record<string, string> = {}, via = verb): HostileCase => ({
  cls: METHODS,
  name: `${verb} ${path}${Object.keys(headers).length ? ` with ${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''}`,
  verdict: 'must-reject',
  request: { method: via, path, headers, ...(via === 'GET' || via === 'DELETE' ? {} : { body: json(statement()), contentType: 'application/json' }) },
  names: `Cannot ${via} ${path}`,
  status: 404,
});
const methods: HostileCase[] = [
  method('PUT', '/events'),
  method('PATCH', '/events'),
  method('DELETE', '/events'),
  method('PUT', `/events/${EXISTING}`),
  method('PATCH', `/events/${EXISTING}`),
  method('DELETE', `/events/${EXISTING}`),
  method('PUT', `/negotiations/${NAFTA}`),
  method('PATCH', `/negotiations/${NAFTA}`),
  method('DELETE', `/negotiations/${NAFTA}`),
  method('DELETE', `/negotiations/${NAFTA}/issues/${AUTO}`),
  method('DELETE', `/events/${EXISTING}`, { 'x-http-method-override': 'DELETE' }, 'POST'),
  method('PUT', `/negotiations/${NAFTA}`, { 'x-http-method-override': 'PUT', 'x-http-method': 'PUT', 'x-method-override': 'PUT' }, 'POST'),
];

const CASES: HostileCase[] = [
  ...malformedJson, ...wrongShape, ...wrongTypes, ...hugeStrings, ...deepNesting, ...protoKeys, ...unicode, ...dates, ...numbers, ...ids,
  ...emptyBatches, ...contentTypes, ...methods,
];

/** The report's per-class counts (section 3), which this table reproduces row for row. */
const REPORT_CLASSES: Record<string, number> = {
  [MALFORMED]: 18, [SHAPE]: 7, [TYPES]: 48, [HUGE]: 9, [DEEP]: 6, [PROTO]: 10, [UNICODE]: 9, [DATES]: 21, [NUMBERS]: 10, [IDS]: 10,
  [EMPTY]: 3, [CT]: 19, [METHODS]: 12,
};

/** Beyond the report's table: its informational item I3 (writes ignored unknown query parameters that GETs refuse), and two spellings the table lacks. */
const QUERY = 'query parameters on a write';
const writeWithQuery = (query: string, names: string): HostileCase => ({
  cls: QUERY,
  name: `POST /events?${query}`,
  verdict: 'must-reject',
  request: { method: 'POST', path: `/events?${query}`, body: json(statement()), contentType: 'application/json' },
  names,
  status: 400,
});
const EXTRA_CASES: HostileCase[] = [
  writeWithQuery('dryRun=1', '"dryRun"'),
  writeWithQuery('expectedRevision=0', '"expectedRevision"'),
  writeWithQuery('a=1&b=2', '"b"'),
  {
    cls: QUERY,
    name: 'POST /extract?lang=en',
    verdict: 'must-reject',
    request: { method: 'POST', path: '/extract?lang=en', body: json({ text: 'Mexico offered 70 percent.' }), contentType: 'application/json' },
    names: '"lang"',
    status: 400,
  },
  {
    cls: QUERY,
    name: 'POST /webhooks?secret=x',
    verdict: 'must-reject',
    request: { method: 'POST', path: '/webhooks?secret=x', body: json({ url: 'http://127.0.0.1:9/hook', condition: { kind: 'event-recorded' } }), contentType: 'application/json' },
    names: '"secret"',
    status: 400,
  },
  // The report's D11 and D10 again, in their other spellings.
  { cls: TYPES, name: 'source.url data:', verdict: 'must-reject', request: post(json(statement({ source: { url: 'data:text/html,<script>alert(1)</script>' } }))), names: '"source.url"' },
  { cls: MALFORMED, name: 'NDJSON with a broken second line', verdict: 'must-reject', request: post(`${json(statement())}\n{"type":`, 'application/x-ndjson'), names: 'line 2' },
];

describe('hostile write inputs: the red-team report\'s 182 bodies, content types and methods', () => {
  let server: TestServer;
  let original: string;

  beforeAll(async () => {
    server = await startTestServer();
    URL_PLACEHOLDER = server.url;
    original = (await server.get(`/events/${EXISTING}`)).text;
  });
  afterAll(() => server.close());

  it(`the table holds ${CASES.length} cases in the report's 13 classes, each class as many as the report tried (${verdictCounts(CASES)})`, () => {
    const { perClass, perVerdict } = tally(CASES);
    expect(perClass).toEqual(REPORT_CLASSES);
    expect(CASES.length).toBe(182);
    expect(perVerdict['must-reject']).toBeGreaterThanOrEqual(160);
  });

  it.each(tableRows(CASES))('[%s] %s: %s', async (_verdict, _cls, _name, hostile) => {
    await runHostileCase(server, hostile);
  });

  it.each(EXTRA_CASES.map((c) => [c.name, c] as const))('[must-reject] beyond the table: %s', async (_name, hostile) => {
    await runHostileCase(server, hostile);
  });

  it('then no prototype was polluted, the stored event is unchanged and /health is still 200', async () => {
    expect(({} as Json).polluted).toBeUndefined();
    expect((Object.prototype as Json).polluted).toBeUndefined();
    expect((await server.get(`/events/${EXISTING}`)).text).toBe(original);
    expect((await server.get('/health')).status).toBe(200);
  });
});
