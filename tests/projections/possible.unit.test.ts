import { answerIssueState, answerNegotiation, answerProbes, answerTariffs, issueStateAt, negotiationOverview, openProbes, tariffsInForce } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known, rvc, tabled } from './given';

const KNOWN_AT = '2026-12-31T00:00:00.000Z';
const NAFTA = { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', knownAt: KNOWN_AT };

describe('"possibly by then": events whose window has begun but not ended', () => {
  const events = known([
    tabled('DemandTabled', 'US', '2018-01-29', [rvc(75)], { id: 'us-demand' }),
    tabled('OfferMade', 'MX', '2018-05', [rvc(70)], { id: 'mx-may' }),
  ]);
  const answer = (asOf: string) => answerIssueState(issueStateAt(events, { ...NAFTA, asOf }), events);

  it('given an offer dated "2018-05", when asked on 2018-05-10, then it is listed as possible with its window and not held', () => {
    const state = answer('2018-05-10');
    expect(state.possible).toEqual([
      {
        eventId: 'mx-may', eventType: 'OfferMade', party: 'MX', metric: 'regional_value_content',
        term: rvc(70), window: { from: '2018-05-01', to: '2018-05-31' }, confidence: 'reported',
        summary: 'MX offer on auto-rules-of-origin: regional_value_content 70 percent',
      },
    ]);
    expect(state.positions.MX).toBeUndefined();
  });

  it('given the same offer, when asked before its window or once it counts, then it is not possible', () => {
    expect(answer('2018-04-30').possible).toEqual([]);
    expect(answer('2018-05-31').possible).toEqual([]);
    expect(answer('2018-05-31').positions.MX.regional_value_content.value).toBe(70);
  });

  it('given a year-dated tariff, when asked mid-year, then the tariffs answer lists it as possible, not in force', () => {
    const tariffEvents = known([
      anEvent({ id: 'steel', type: 'TariffImposed', negotiation: 'steel-talks', issue: 'steel-aluminum-tariffs', party: 'US', occurredAt: '2018',
        data: { measure: 'Section 232', product: 'steel', rate: { value: 25, unit: 'percent' }, targets: ['MX'] } }),
    ]);
    const asked = (target: string) => answerTariffs(tariffsInForce(tariffEvents, { asOf: '2018-06-15', knownAt: KNOWN_AT, target }), tariffEvents, { target });
    expect(asked('MX').inForce).toEqual([]);
    expect(asked('MX').possible.map((p) => [p.eventId, p.window])).toEqual([['steel', { from: '2018-01-01', to: '2018-12-31' }]]);
    expect(asked('CA').possible).toEqual([]);
  });

  it('given a month-dated probe launch, when asked within the month, then the probes answer lists it as possible', () => {
    const probeEvents = known([
      anEvent({ id: 'autos', type: 'ProbeLaunched', negotiation: 'nafta-renegotiation', issue: 'auto-tariffs', party: 'US', occurredAt: '2018-05',
        data: { authority: 'Section 232', subject: 'car imports' } }),
    ]);
    const probes = answerProbes(openProbes(probeEvents, { asOf: '2018-05-23', knownAt: KNOWN_AT }), probeEvents, {});
    expect(probes.open).toEqual([]);
    expect(probes.possible.map((p) => `${p.eventId} ${p.eventType} ${p.window.to}`)).toEqual(['autos ProbeLaunched 2018-05-31']);
  });

  it('given a deadline set at year precision, when the setting event may have happened, then the deadline is listed as ahead with its precision', () => {
    const review = known([
      anEvent({ id: 'review', type: 'DeadlineSet', negotiation: 'usmca-review', issue: undefined, party: undefined, occurredAt: '2026',
        data: { deadline: '2026-07-01', what: 'joint review' } }),
      anEvent({ id: 'horizon', type: 'DeadlineSet', negotiation: 'usmca-review', issue: undefined, party: undefined, occurredAt: '2025',
        data: { deadline: '2026', what: 'the review year' } }),
    ]);
    const at = (asOf: string) => answerNegotiation(negotiationOverview(review, { negotiation: 'usmca-review', asOf, knownAt: KNOWN_AT }), review);
    expect(at('2026-03-01').deadlinesAhead.map((d) => [d.eventId, d.precision, d.possible ?? false])).toEqual([
      ['review', 'day', true],
      ['horizon', 'year', false],
    ]);
    expect(at('2026-08-01').deadlinesAhead.map((d) => d.eventId)).toEqual(['horizon']);
    expect(at('2026-08-01').deadlinesPassed.map((d) => [d.eventId, d.possible])).toEqual([['review', true]]);
  });
});
