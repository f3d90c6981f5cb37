/** The page's pure parts (web/src): what it derives from API answers, checked without a browser. */
import { EVENT_TYPES as CATALOG_TYPES } from '../../events';
import type { IssueState, KnowledgeNote, ReplayStep, StoredEvent, TimelineEntry } from '../../web/src/api';
import { metricSeries } from '../../web/src/charts/positions';
import { eventViews } from '../../web/src/events-view';
import { EVENT_TYPES, formatValue, metricLabel, partyName, windowEnd } from '../../web/src/model';
import { narrate } from '../../web/src/narrate';
import { readViewParams, viewSearch } from '../../web/src/url-state';
import { plainSummary } from '../../web/src/plain';
import { toCsv } from '../../web/src/export';
import { check, eventFrom, fieldsFor, valuesFrom } from '../../web/src/record/form-model';

const state = (asOf: string, positions: IssueState['positions'], extra: Partial<IssueState> = {}): IssueState => ({
  negotiation: 'n', issue: 'i', asOf, knownAt: '2026-01-01T00:00:00.000Z', status: 'open', positions, gaps: {}, agreed: null,
  eventCount: 1, lastEventAt: asOf, ...extra,
});
const term = (value: number, since: string, eventId: string) => ({ value, unit: 'percent', since, eventId, eventType: 'OfferMade' });
const step = (id: string, countsFrom: string, s: IssueState, diff: Partial<ReplayStep['diff']> = {}): ReplayStep => ({
  event: { event: { id, type: 'OfferMade', negotiation: 'n', issue: 'i', party: 'US', occurredAt: countsFrom, data: {} }, position: 1, recordedAt: '', countsFrom },
  state: s,
  diff: { from: '', to: countsFrom, status: null, changes: [], gaps: [], agreed: [], ...diff },
});

describe('web model', () => {
  it('given the event catalog, when the page lists event types for the live stream, then it lists exactly the catalog', () => {
    expect([...EVENT_TYPES].sort()).toEqual([...CATALOG_TYPES].sort());
  });

  it('given replay steps where the US goes 85 then 75 and Mexico holds 70 until they agree on 75, when the series are derived, then each party steps, the gap narrows and closes, and the agreement is marked', () => {
    const steps = [
      step('a', '2018-01-10', state('2018-01-10', { US: { rvc: term(85, '2018-01-10', 'a') } })),
      step('b', '2018-02-01', state('2018-02-01', { US: { rvc: term(85, '2018-01-10', 'a') }, MX: { rvc: term(70, '2018-02-01', 'b') } }, {
        gaps: { rvc: { unit: 'percent', min: 70, max: 85, spread: 15, low: ['MX'], high: ['US'] } },
      })),
      step('c', '2018-03-01', state('2018-03-01', { US: { rvc: term(75, '2018-03-01', 'c') }, MX: { rvc: term(70, '2018-02-01', 'b') } }, {
        gaps: { rvc: { unit: 'percent', min: 70, max: 75, spread: 5, low: ['MX'], high: ['US'] } },
      })),
      step('d', '2018-04-01', state('2018-04-01', { US: { rvc: term(75, '2018-04-01', 'd') }, MX: { rvc: term(75, '2018-04-01', 'd') } }, {
        status: 'agreed', agreed: { rvc: term(75, '2018-04-01', 'd') },
      })),
    ];
    const [series] = metricSeries(steps);
    expect(series.parties).toEqual(['US', 'MX']);
    expect(series.points.filter((p) => p.party === 'US').map((p) => p.value)).toEqual([85, 75]);
    expect(series.points.filter((p) => p.party === 'MX').map((p) => p.value)).toEqual([70, 75]);
    expect(series.gaps.map((g) => g.spread)).toEqual([15, 5, null]);
    expect(series.agreed).toEqual({ day: '2018-04-01', value: 75 });
  });

  it('given the API notes on a correction and a retraction recorded after a past moment, when the events are viewed as known then and now, then they are marked later / corrected / struck out', () => {
    const entry = (id: string, recordedAt: string): TimelineEntry => ({
      event: { id, type: 'OfferMade', negotiation: 'n', issue: 'i', party: 'MX', occurredAt: '2018-05-24', data: {} },
      position: 1, recordedAt, countsFrom: '2018-05-24', precision: 'day', summary: id,
    });
    const stored = (id: string, type: string, data: Record<string, unknown>, recordedAt: string, position: number): StoredEvent => ({
      id, type, negotiation: 'n', occurredAt: '2018-05-25', data, recordedAt, position,
    });
    const corrections = [
      stored('fix', 'EventCorrected', { corrects: 'offer' }, '2026-02-01T00:00:00.000Z', 10),
      stored('drop', 'EventRetracted', { retracts: 'gone', reason: 'misreported' }, '2026-02-01T00:00:00.000Z', 11),
    ];
    const gone = stored('gone', 'OfferMade', { terms: [{ metric: 'rvc', value: 60, unit: 'percent' }] }, '2026-01-01T00:00:00.000Z', 2);
    const originals = new Map([['gone', { ...gone, occurredAt: '2018-05-24', party: 'MX' }]]);

    // The API's knowledge notes for those moments (knowledgeNotes, tested with the projections).
    const note = (eventId: string, status: KnowledgeNote['status'], by?: string, later?: KnowledgeNote['later']): KnowledgeNote => ({
      eventId, status, ...(by ? { by } : {}), ...(later ? { later } : {}), summary: eventId, countsFrom: '2018-05-24',
    });
    const notesThen = [note('offer', 'in-force', undefined, { status: 'corrected', by: 'fix' }), note('gone', 'in-force', undefined, { status: 'retracted', by: 'drop' })];
    const notesNow = [note('offer', 'corrected', 'fix'), note('gone', 'retracted', 'drop'), note('fix', 'correction'), note('drop', 'correction')];

    const then = eventViews([entry('offer', '2026-01-01T00:00:00.000Z'), entry('gone', '2026-01-01T00:00:00.000Z')], notesThen, corrections, originals);
    expect(then.map((v) => [v.id, v.retracted, v.marks.map((m) => m.kind)])).toEqual([
      ['offer', false, ['corrected-later']],
      ['gone', false, ['retracted-later']],
    ]);

    const now = eventViews([entry('offer', '2026-01-01T00:00:00.000Z')], notesNow, corrections, originals);
    expect(now.map((v) => [v.id, v.retracted, v.marks.map((m) => m.kind)])).toEqual([
      ['offer', false, ['corrected']],
      ['gone', true, ['retracted']],
    ]);
    expect(now[1].entry.countsFrom).toBe('2018-05-24');
  });

  it('given a step that moves the US from a text demand to 75 % and opens a gap, when it is narrated, then the narration names both changes', () => {
    const { lines } = narrate(
      step('c', '2018-05-24', state('2018-05-24', {}), {
        changes: [{ party: 'US', metric: 'regional_value_content', change: 'changed', before: { text: 'higher', since: '2018-01-29', eventId: 'x', eventType: 'DemandTabled' }, after: term(75, '2018-05-24', 'c') }],
        gaps: [{ metric: 'regional_value_content', before: null, after: { unit: 'percent', min: 70, max: 75, spread: 5, low: ['MX'], high: ['US'] } }],
      }),
      'US offer',
    );
    expect(lines).toEqual([
      'United States, regional value content: higher → 75 %.',
      'Gap on regional value content opens: 5 pts (MX low, US high).',
    ]);
  });

  it('given view parameters, when they are written and read back, then the deep link round-trips and empty ones are left out', () => {
    const view = { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf: '2018-05-25', knownAt: '2026-01-01T10:00:00.000Z' };
    expect(readViewParams(viewSearch(view))).toEqual({ view, problems: [] });
    expect(viewSearch({ negotiation: 'x', asOf: undefined })).toBe('?negotiation=x');
  });

  it('given units, metric slugs and parties, when formatted, then they read as an analyst would write them', () => {
    expect([formatValue(75, 'percent'), formatValue(16, 'usd_per_hour'), formatValue(5, 'years')]).toEqual(['75 %', '$16/h', '5 years']);
    expect([metricLabel('us_content'), metricLabel('regional_value_content')]).toEqual(['US content', 'Regional value content']);
    expect([partyName('MX'), partyName('jaime-serra'), partyName(undefined)]).toEqual(['Mexico', 'Jaime Serra', 'joint']);
    expect([windowEnd('2018'), windowEnd('2018-02'), windowEnd('2016-02')]).toEqual(['2018-12-31', '2018-02-28', '2016-02-29']);
  });
  it('given a link with a 30 February, a month 13 and a knownAt that is no instant, when it is read, then those values are dropped with a notice naming each, and the rest is kept', () => {
    const { view, problems } = readViewParams('?negotiation=nafta-renegotiation&asOf=2018-02-30&knownAt=garbage&compare=2018-13-45&step=3');
    expect(view).toEqual({ negotiation: 'nafta-renegotiation', step: '3' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('asOf “2018-02-30”');
    expect(problems[1]).toContain('knownAt “garbage”');
    expect(readViewParams('?knownAt=2026-01-31T12:00:00.000Z&asOf=2018-05-25').problems).toEqual([]);
    expect(readViewParams('?knownAt=2026-01-31T12:00:00').problems).toHaveLength(1);
  });

  it("given position events, when summarised for the page, then they read as plain sentences with the term's qualifier, never slugs or ids", () => {
    const offer = { id: 'x', type: 'CounterofferMade', negotiation: 'n', issue: 'i', party: 'MX', occurredAt: '2018-05-24',
      data: { respondsTo: 'us-75', terms: [{ metric: 'regional_value_content', value: 70, unit: 'percent', scope: 'whole-vehicle', note: 'standing position reported 2018-05-24' }] } };
    expect(plainSummary(offer)).toBe('Mexico countered with 70 % regional value content (whole vehicle)');
    const rejection = { id: 'y', type: 'ProposalRejected', negotiation: 'n', party: 'US', occurredAt: '2018-01-29', data: { respondsTo: 'ca-offer' } };
    expect(plainSummary(rejection, (id) => (id === 'ca-offer' ? "CA's proposal of Jan 29, 2018" : undefined))).toBe("United States rejected CA's proposal of Jan 29, 2018");
    expect(plainSummary(rejection)).not.toContain('ca-offer');
  });

  it('given rows with commas, quotes and line breaks, when exported as CSV, then each field is quoted as RFC 4180 says and every column appears', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"' }, { a: 'two\nlines', c: 3 }])).toBe('a,b,c\r\n"x,y","say ""hi""",\r\n"two\nlines",,3\r\n');
  });

  it("given the recording form for an offer, when a term has a value without a unit and no issue, then the catalog's own validation names those fields", () => {
    expect(fieldsFor('OfferMade').map((f) => f.path)).toEqual(expect.arrayContaining(['issue', 'party', 'occurredAt', 'source.quote', 'data.terms', 'data.respondsTo']));
    const values = valuesFrom({ type: 'OfferMade', party: 'MX', occurredAt: '2018-05', data: { terms: [{ metric: 'regional_value_content', value: 70, unit: 'percent' }] } });
    values.terms[0].unit = '';
    const problems = check(eventFrom(values, 'nafta-renegotiation'));
    expect(Object.keys(problems).sort()).toEqual(['data.terms[0].unit', 'issue']);
    values.terms[0].unit = 'percent';
    values.fields.issue = 'auto-rules-of-origin';
    expect(check(eventFrom(values, 'nafta-renegotiation'))).toEqual({});
  });

  it('given a tariff form, when the rate is typed and the targets are a comma-separated list, then the event carries a number and an array', () => {
    const values = valuesFrom({ type: 'TariffImposed', party: 'US', occurredAt: '2018-06-01', data: { measure: 'Section 232', product: 'steel', targets: ['MX', 'CA'], rate: { value: 25, unit: 'percent' } } });
    expect(values.fields['data.targets']).toBe('MX, CA');
    const event = eventFrom(values, 'steel') as { data: { rate: unknown; targets: unknown } };
    expect(event.data).toMatchObject({ rate: { value: 25, unit: 'percent' }, targets: ['MX', 'CA'] });
    expect(check(event)).toEqual({});
  });
});
