import { EventValidationError, isValidPartialDate, loneSurrogateIn, parseEventsText, validateEvent } from '../../events';
import { offerInput } from './given';

/** The validation gaps the red-team report listed as I3, each decided and closed in the catalog. */
const problems = (input: unknown) => validateEvent(input).problems.map((p) => `${p.path}: ${p.message}`);
const withTerm = (term: Record<string, unknown>) => offerInput({ data: { terms: [{ metric: 'regional_value_content', unit: 'percent', ...term }] } });
const tariff = (rate: Record<string, unknown>) => ({
  type: 'TariffImposed', negotiation: 'steel-aluminum-tariffs-2018', party: 'US', occurredAt: '2018-06-01',
  data: { measure: 'Section 232', product: 'steel', rate, targets: ['MX'] },
});
const statement = (overrides: Record<string, unknown>) => ({
  type: 'StatementIssued', negotiation: 'nafta-renegotiation', occurredAt: '2018-05-24', data: { speaker: 'a', quote: 'b' }, ...overrides,
});

describe('input edges (issue 13, I3)', () => {
  it('given a share of content below 0 % or above 100 %, then the value is refused, naming the metric and its bound', () => {
    expect(problems(withTerm({ value: -50 }))).toEqual(['data.terms[0].value: metric "regional_value_content" cannot be negative, got -50 percent']);
    expect(problems(withTerm({ value: 1e300 }))).toEqual(['data.terms[0].value: metric "regional_value_content" is at most 100 percent, got 1e+300']);
    expect(problems(withTerm({ value: 100 }))).toEqual([]);
    expect(problems(withTerm({ value: 0 }))).toEqual([]);
  });

  it('given a tariff rate term or a tariff measure over 1000 %, then it is refused; 150 % is a rate that exists', () => {
    expect(problems(offerInput({ issue: 'auto-tariffs', data: { terms: [{ metric: 'tariff_rate', value: 1001, unit: 'percent' }] } }))).toEqual([
      'data.terms[0].value: metric "tariff_rate" is at most 1000 percent, got 1001',
    ]);
    expect(problems(tariff({ value: 1e300, unit: 'percent' }))).toEqual(['data.rate.value: a tariff rate is at most 1000 percent']);
    expect(problems(tariff({ value: 150, unit: 'percent' }))).toEqual([]);
    // Not a percentage: no upper bound is known.
    expect(problems(tariff({ value: 5000, unit: 'usd_per_tonne' }))).toEqual([]);
  });

  it('given a phase-in schedule step out of range, then the step is named', () => {
    const agreement = {
      type: 'AgreementReached', negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', occurredAt: '2018-09-30',
      data: { parties: ['US', 'MX'], terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent', schedule: [{ from: '2020-07-01', value: 66 }, { from: '2021-07-01', value: 120 }] }] },
    };
    expect(problems(agreement)).toEqual(['data.terms[0].schedule[1].value: metric "regional_value_content" is at most 100 percent, got 120']);
  });

  it('given a metric Parley does not know, then any finite number is still allowed (its sense is unknown)', () => {
    expect(problems(offerInput({ data: { terms: [{ metric: 'quota_change', value: -40, unit: 'percent' }] } }))).toEqual([]);
  });

  it('given a country code in lower case as party, target or beneficiary, then it is refused with the upper-case spelling; a lower-case actor slug is still an actor', () => {
    expect(problems(offerInput({ party: 'mx' }))).toEqual(['party: "mx" is a country code in lower case: write "MX"']);
    expect(problems(tariff({ value: 25, unit: 'percent' })).length).toBe(0);
    expect(problems({ ...tariff({ value: 25, unit: 'percent' }), data: { measure: 'm', product: 'p', rate: { value: 25, unit: 'percent' }, targets: ['ca'] } })).toEqual([
      'data.targets[0]: "ca" is a country code in lower case: write "CA"',
    ]);
    expect(problems(offerInput({ party: 'cce' }))).toEqual([]);
  });

  it('given an id that is blank or holds a control character, then it is refused; slashes, quotes and emoji stay allowed', () => {
    expect(problems(statement({ id: '   ' }))).toEqual(['id: expected an id with a visible character, not only whitespace']);
    expect(problems(statement({ id: 'a\u0000b' }))).toEqual(['id: expected an id without control characters (NUL, tab, newline…)']);
    expect(problems(statement({ id: 'a\nb' }))).toEqual(['id: expected an id without control characters (NUL, tab, newline…)']);
    for (const id of ['a/../b', "x' OR 1=1--", '😀 launch', ' padded ']) expect(problems(statement({ id }))).toEqual([]);
    // A reference is an id too.
    expect(problems({ type: 'EventRetracted', negotiation: 'nafta-renegotiation', occurredAt: '2019', data: { retracts: '\t', reason: 'r' } })).toEqual([
      'data.retracts: expected an id with a visible character, not only whitespace',
      'data.retracts: expected an id without control characters (NUL, tab, newline…)',
    ]);
  });

  it('given years 0000 to 0099, then leap days follow the Gregorian rule like any other year (Date.UTC read them as 1900–1999)', () => {
    expect(isValidPartialDate('0000-02-29')).toBe(true); // divisible by 400
    expect(isValidPartialDate('0004-02-29')).toBe(true);
    expect(isValidPartialDate('0100-02-29')).toBe(false);
    expect(isValidPartialDate('1900-02-29')).toBe(false);
    expect(isValidPartialDate('2000-02-29')).toBe(true);
    expect(isValidPartialDate('2019-02-29')).toBe(false);
    expect(isValidPartialDate('0001-04-31')).toBe(false);
    expect(problems(statement({ occurredAt: '0000-01-01' }))).toEqual([]);
    expect(problems(statement({ occurredAt: '0000-02-29' }))).toEqual([]);
  });

  it('given a lone UTF-16 surrogate escaped in JSON, then its path is found; a pair (an emoji) and an escaped backslash are not surrogates', () => {
    const text = '{"data":{"quote":"we \\ud800 will"}}';
    expect(loneSurrogateIn(text, JSON.parse(text))).toBe('data.quote');
    const low = '[{"a":["x","\\udc00"]}]';
    expect(loneSurrogateIn(low, JSON.parse(low))).toBe('[0].a[1]');
    const pair = '{"q":"\\ud83d\\ude00"}';
    expect(loneSurrogateIn(pair, JSON.parse(pair))).toBeUndefined();
    const escaped = '{"q":"\\\\ud800"}';
    expect(loneSurrogateIn(escaped, JSON.parse(escaped))).toBeUndefined();
  });

  it('given a file with a lone surrogate on line 2, when parsed for import, then the line and field are named and nothing is returned', () => {
    const text = `${JSON.stringify(statement({}))}\n{"type":"StatementIssued","negotiation":"n","occurredAt":"2018","data":{"speaker":"a","quote":"\\udfff"}}\n`;
    const error = (() => {
      try {
        parseEventsText(text, 'in.ndjson');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).problems[0]).toMatchObject({ line: 2, path: 'data.quote' });
  });
});
