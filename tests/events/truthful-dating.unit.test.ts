import { countsFrom, precisionOf, validateEvent, validWindowOf, windowStart } from '../../events';
import { offerInput } from './given';

const offer = offerInput;
const agreement = (term: Record<string, unknown>) => ({
  type: 'AgreementReached',
  negotiation: 'nafta-renegotiation',
  issue: 'auto-rules-of-origin',
  occurredAt: '2018-09-30',
  data: { parties: ['US', 'MX', 'CA'], terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent', ...term }] },
});
const problems = (input: unknown) => validateEvent(input).problems.map((p) => `${p.path}: ${p.message}`);

describe('occurredAt intervals', () => {
  it('given an interval of two days or two months, when validated, then it is accepted and kept verbatim', () => {
    expect(validateEvent(offer({ occurredAt: '2018-05-17/2018-05-24' })).event?.occurredAt).toBe('2018-05-17/2018-05-24');
    expect(validateEvent(offer({ occurredAt: '2017-07/2017-08' })).event?.occurredAt).toBe('2017-07/2017-08');
    expect(problems(offer({ occurredAt: '2017/2018-03' }))).toEqual([]);
  });

  it('given an interval that ends before it starts, then the error names the field and the value', () => {
    const [problem] = validateEvent(offer({ occurredAt: '2018-05-24/2018-05-17' })).problems;
    expect(problem).toMatchObject({ path: 'occurredAt', value: '2018-05-24/2018-05-17' });
    expect(problem.message).toBe('interval "2018-05-24/2018-05-17" ends before it starts: 2018-05-17 is before 2018-05-24');
  });

  it('given a malformed interval, then the error says what an interval is', () => {
    expect(problems(offer({ occurredAt: '2018-05-17/soon' }))).toEqual([
      'occurredAt: expected a date (YYYY-MM-DD, YYYY-MM or YYYY) or an interval A/B of two such dates, got "2018-05-17/soon"',
    ]);
    expect(problems(offer({ occurredAt: '2018/2019/2020' }))).toHaveLength(1);
    expect(problems(offer({ occurredAt: '2018-02-30/2018-03' }))).toHaveLength(1);
  });

  it('given an interval, then its window runs from the start of A to the end of B and it has the coarser precision', () => {
    expect([windowStart('2017-07/2017-08'), countsFrom('2017-07/2017-08')]).toEqual(['2017-07-01', '2017-08-31']);
    expect(precisionOf('2018-05-17/2018-05-24')).toBe('day');
    expect(precisionOf('2018-05-17/2018-06')).toBe('month');
    expect(precisionOf('2017/2018-03-01')).toBe('year');
  });
});

describe('the valid-time window: a report bounds its event', () => {
  it('given a year-dated event reported on 4 Feb, then its window closes on 4 Feb', () => {
    expect(validWindowOf({ occurredAt: '2026', source: { publishedAt: '2026-02-04' } })).toEqual({ from: '2026-01-01', to: '2026-02-04' });
  });

  it('given a report published after the window, then the window is the occurredAt window', () => {
    expect(validWindowOf({ occurredAt: '2017', source: { publishedAt: '2018-05-24' } })).toEqual({ from: '2017-01-01', to: '2017-12-31' });
    expect(validWindowOf({ occurredAt: '2017-07/2017-08' })).toEqual({ from: '2017-07-01', to: '2017-08-31' });
  });

  it('given a month-precision publishedAt, then the window closes at the end of that month', () => {
    expect(validWindowOf({ occurredAt: '2026', source: { publishedAt: '2026-02' } })).toEqual({ from: '2026-01-01', to: '2026-02-28' });
  });

  it('given a source published before the event could have happened, then the event is refused naming publishedAt', () => {
    const [problem] = validateEvent(offer({ occurredAt: '2018-06', source: { publishedAt: '2018-05-24' } })).problems;
    expect(problem).toMatchObject({ path: 'source.publishedAt', value: '2018-05-24' });
    expect(problem.message).toMatch(/before occurredAt 2018-06: an event cannot have happened after the article that reports it/);
  });

  it('given a correction whose replacement is dated after its source, then the replacement path is named', () => {
    const { id: _id, ...body } = { id: 'x', ...offer({ occurredAt: '2019', source: { publishedAt: '2018-12' } }) };
    const correction = { type: 'EventCorrected', negotiation: 'nafta-renegotiation', occurredAt: '2019-01-01', data: { corrects: 'x', replacement: body } };
    expect(problems(correction).map((p) => p.split(':')[0])).toEqual(['data.replacement.source.publishedAt']);
  });
});

describe('term scope and agreement schedules', () => {
  it('given a term with a scope slug, then it is accepted; a scope that is not a slug is refused', () => {
    expect(problems(offer({ data: { terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent', scope: 'high-value-parts' }] } }))).toEqual([]);
    expect(problems(offer({ data: { terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent', scope: 'High value' }] } }))[0]).toMatch(
      /^data\.terms\[0\]\.scope: expected a slug/,
    );
  });

  it('given an agreement term with a sorted schedule, then it is accepted', () => {
    const schedule = [{ from: '2020-07-01', value: 66 }, { from: '2021-07-01', value: 69 }, { from: '2023-07-01', value: 75 }];
    expect(validateEvent(agreement({ schedule })).event?.data).toMatchObject({ terms: [{ schedule }] });
  });

  it('given an unsorted schedule or a schedule step that is not a day, then the step is named', () => {
    expect(problems(agreement({ schedule: [{ from: '2021-07-01', value: 69 }, { from: '2020-07-01', value: 66 }] }))).toEqual([
      'data.terms[0].schedule[1].from: schedule steps must be in date order: 2020-07-01 does not come after 2021-07-01',
    ]);
    expect(problems(agreement({ schedule: [{ from: '2020-07', value: 66 }] }))).toEqual(['data.terms[0].schedule[0].from: expected a date as YYYY-MM-DD']);
  });

  it('given a schedule on a qualitative term, then it is refused', () => {
    expect(problems(agreement({ value: undefined, unit: undefined, text: 'phased in', schedule: [{ from: '2020-07-01', value: 66 }] }))).toEqual([
      'data.terms[0].schedule: a schedule needs a numeric term (value and unit) whose unit its steps share',
    ]);
  });

  it('given a schedule outside an agreement, then it is an unknown field', () => {
    expect(problems(offer({ data: { terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent', schedule: [] }] } }))).toEqual([
      'data.terms[0]: Unrecognized key: "schedule"',
    ]);
  });
});
