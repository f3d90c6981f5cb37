import { sharedPart } from '../../projections';
import { toJson, toJsonBody } from '../../src/http/json';

describe('answers written with shared parts', () => {
  const positions = sharedPart({ US: { rvc: { value: 75, unit: 'percent', source: { quote: 'a "quoted" word', url: null } } }, MX: {} });
  /** As an issue answer holds them: a record per answer of parties' shared terms. */
  const parties = { US: sharedPart({ rvc: { value: 75, unit: 'percent' } }), MX: sharedPart({}), CA: sharedPart({ lvc: { text: 'Ottawa’s “no”' } }) };
  const possible = [sharedPart({ eventId: 'e1', window: { from: '2018-05-01', to: '2018-05-31' } }), sharedPart({ eventId: 'e2', term: null })];

  it('given an answer whose fields hold shared parts, undefined fields and a list of shared parts, then its text is the one JSON.stringify gives', () => {
    const answer = { negotiation: 'talks', asOf: '2018-06-01', skipped: undefined, positions, gaps: { rvc: { min: 1 } }, possible, minConfidence: null };
    expect(toJson(answer)).toBe(JSON.stringify(answer));
    expect(toJson({ ...answer, knownAt: 'later', asOf: '2019-01-01' })).toBe(JSON.stringify({ ...answer, knownAt: 'later', asOf: '2019-01-01' }));
    expect(toJson({ positions, empty: [] })).toBe(JSON.stringify({ positions, empty: [] }));
    expect(toJson({ asOf: '2018-06-01', positions: parties, gaps: {} })).toBe(JSON.stringify({ asOf: '2018-06-01', positions: parties, gaps: {} }));
  });

  it('given the same answers as HTTP bodies, then they are the UTF-8 of that text, shared parts or not (non-ASCII included)', () => {
    const answer = { negotiation: 'talks', note: 'Secretaría de Economía — “quoted”', positions, possible, holes: [possible[0], undefined] };
    for (const value of [answer, { ...answer, positions: { plain: true } }, { positions }, { ...answer, positions: parties }]) {
      expect(Buffer.from(toJsonBody(value)).toString('utf8')).toBe(JSON.stringify(value));
    }
  });

  it('given an answer with a shared part and a bigint position, then the bigint is written as a number, as without shared parts', () => {
    expect(toJson({ position: 12n, positions })).toBe(JSON.stringify({ position: 12, positions }));
  });

  it('given a shared part, then it is frozen all the way down, so its text cannot go stale', () => {
    expect(() => {
      (positions.US.rvc.source as { quote: string }).quote = 'changed';
    }).toThrow(TypeError);
  });
});
