import { countsFrom, EVENT_TYPES, EventValidationError, parseEventsText, upcast, validateEvent } from '../../events';
import { validateInChunks } from '../../src/commands/validate-in-chunks';
import { offerInput } from './given';

const offer = offerInput;
const problems = (input: unknown) => validateEvent(input).problems.map((p) => `${p.path}: ${p.message}`);

describe('the event catalog (wire format v1)', () => {
  it('given a minimal offer, when validated, then confidence defaults to reported and no id is invented here', () => {
    const { event } = validateEvent(offer());
    expect(event).toMatchObject({ confidence: 'reported', type: 'OfferMade' });
    expect(event?.id).toBeUndefined();
  });

  it('lists each event type once, and every listed type is one the catalog validates', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    for (const type of EVENT_TYPES) expect(problems(offer({ type })).some((p) => p.startsWith('type:'))).toBe(false);
    expect(problems(offer({ type: 'NotAType' })).some((p) => p.startsWith('type:'))).toBe(true);
  });

  it('given a known metric in the wrong unit, then the unit path is named', () => {
    expect(problems(offer({ data: { terms: [{ metric: 'regional_value_content', value: 70, unit: 'usd' }] } }))).toEqual([
      'data.terms[0].unit: metric "regional_value_content" is measured in "percent", got "usd"',
    ]);
  });

  it('given an unknown metric and issue, then they are allowed', () => {
    expect(problems(offer({ issue: 'pharma-patents', data: { terms: [{ metric: 'patent_years', value: 10, unit: 'years' }] } }))).toEqual([]);
  });

  it('given a qualitative term, then text is required and value/unit must go together', () => {
    expect(problems(offer({ issue: 'sunset-clause', data: { terms: [{ metric: 'investor_state', text: 'eliminate' }] } }))).toEqual([]);
    expect(problems(offer({ data: { terms: [{ metric: 'investor_state', value: 1, unit: 'percent' }] } }))).toEqual([
      'data.terms[0].value: metric "investor_state" is qualitative: use text, not value/unit',
    ]);
    expect(problems(offer({ data: { terms: [{ metric: 'anything', value: 3 }] } }))).toEqual(['data.terms[0].unit: value and unit go together']);
    expect(problems(offer({ data: { terms: [{ metric: 'anything' }] } }))).toEqual(['data.terms[0].text: a term needs value+unit or text']);
  });

  it('given position events without issue or party, then both are required', () => {
    // The paths are Parley's contract; the wording of a missing field is zod's.
    expect(validateEvent(offer({ issue: undefined, party: undefined })).problems.map((p) => p.path)).toEqual(['issue', 'party']);
  });

  it('given parties, then ISO alpha-2 codes and actor slugs pass, unknown codes and odd names fail', () => {
    expect(problems(offer({ party: 'canacero' }))).toEqual([]);
    expect(problems(offer({ party: 'XX' }))).toEqual(['party: "XX" is not an ISO 3166-1 alpha-2 country code']);
    expect(problems(offer({ party: 'Mexico City' }))[0]).toMatch(/expected an ISO 3166-1 alpha-2 code/);
  });

  it('given dates, then precision is kept and impossible dates fail', () => {
    expect(problems(offer({ occurredAt: '2018-05' }))).toEqual([]);
    expect(problems(offer({ occurredAt: '2018' }))).toEqual([]);
    expect(problems(offer({ occurredAt: '2018-02-29' }))).toEqual(['occurredAt: expected a date as YYYY-MM-DD, YYYY-MM or YYYY']);
    expect(problems(offer({ occurredAt: '24 May 2018' }))).toHaveLength(1);
    expect([countsFrom('2018-05-24'), countsFrom('2018-05'), countsFrom('2018'), countsFrom('2016-02')]).toEqual(['2018-05-24', '2018-05-31', '2018-12-31', '2016-02-29']);
  });

  it('given an unknown type or an extra field, then the problem names it', () => {
    expect(problems(offer({ type: 'Offer' }))[0]).toMatch(/^type: unknown event type; expected one of DemandTabled/);
    expect(problems(offer({ occuredAt: '2018-05-24' }))).toEqual([expect.stringMatching(/^: .*"occuredAt"/)]);
  });

  it('given a correction, then its replacement is validated as a whole event without id', () => {
    const correction = (replacement: Record<string, unknown>) => ({ type: 'EventCorrected', negotiation: 'nafta-renegotiation', occurredAt: '2018-06-01', data: { corrects: 'x', replacement } });
    const { id: _id, ...body } = { id: 'gone', ...offer() };
    expect(problems(correction(body))).toEqual([]);
    expect(problems(correction({ ...body, occurredAt: 'soon' }))).toEqual(['data.replacement.occurredAt: expected a date as YYYY-MM-DD, YYYY-MM or YYYY']);
    expect(problems(correction({ ...body, id: 'not-allowed' }))).toEqual(['data.replacement: Unrecognized key: "id"']);
  });

  it('given a batch with one bad event, then nothing is accepted and every problem names its index and line', async () => {
    const { inputs, locations } = parseEventsText([JSON.stringify(offer()), JSON.stringify(offer({ party: 'XX' })), '', JSON.stringify(offer({ occurredAt: '2018-13' }))].join('\n'), 'batch.ndjson');
    const error = await validateInChunks(inputs, locations).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).problems.map((p) => [p.index, p.file, p.line, p.path])).toEqual([
      [1, 'batch.ndjson', 2, 'party'],
      [2, 'batch.ndjson', 4, 'occurredAt'],
    ]);
    expect((error as Error).message).toMatch(/^batch.ndjson:line 2: party: "XX" is not an ISO/);
  });

  it('given a v0 body and an upcaster, then reading upcasts it to the current version; a missing step is an error', () => {
    const steps = { OfferMade: { 0: (body: { type: string; [k: string]: unknown }) => ({ ...body, occurredAt: body.date, date: undefined }) } };
    expect(upcast({ type: 'OfferMade', date: '2018-05-24' }, 0, steps)).toMatchObject({ occurredAt: '2018-05-24' });
    expect(upcast({ type: 'OfferMade', occurredAt: '2018' }, 1, {})).toEqual({ type: 'OfferMade', occurredAt: '2018' });
    expect(() => upcast({ type: 'OfferMade' }, 0, {})).toThrow(/no upcaster for OfferMade from schema version 0/);
  });
});
