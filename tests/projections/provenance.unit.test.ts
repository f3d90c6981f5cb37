import { answerNegotiation, answerProbes, answerTariffs, answerIssueState, issueStateAt, negotiationOverview, openProbes, tariffsInForce, timeline, timelineRow } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known, rvc, tabled } from './given';

const KNOWN_AT = '2026-12-31T00:00:00.000Z';
const SOURCE = { publisher: 'Reuters', title: 'Mexico makes new offer', url: 'https://example.org/a', document: '000.txt', quote: 'Mexico offered 70 percent', publishedAt: '2018-05-24' };

describe('provenance in every answer', () => {
  const events = known([
    tabled('OfferMade', 'MX', '2018-05-24', [{ ...rvc(70), note: 'of overall content' }], { id: 'mx', source: SOURCE, confidence: 'reported' }),
    anEvent({ id: 'probe', type: 'ProbeLaunched', issue: 'auto-tariffs', party: 'US', occurredAt: '2018-05-23', confidence: 'confirmed',
      data: { authority: 'Section 232', subject: 'cars' } }),
    anEvent({ id: 'tariff', type: 'TariffImposed', issue: 'steel-aluminum-tariffs', party: 'US', occurredAt: '2018-06-01', confidence: 'unconfirmed',
      data: { measure: 'Section 232', product: 'steel', rate: { value: 25, unit: 'percent' }, targets: ['MX'] } }),
  ]);
  const expected = { eventId: 'mx', confidence: 'reported', source: SOURCE };

  it('given a sourced offer, then the position carries eventId, confidence, source and the term note', () => {
    const state = answerIssueState(issueStateAt(events, { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf: '2018-06-01', knownAt: KNOWN_AT }), events);
    expect(state.positions.MX.regional_value_content).toMatchObject({ ...expected, note: 'of overall content', window: { from: '2018-05-24', to: '2018-05-24' } });
  });

  it('given a probe and a tariff line, then each carries its confidence and a source with nulls where the event has none', () => {
    const probes = answerProbes(openProbes(events, { asOf: '2018-06-01', knownAt: KNOWN_AT }), events, {});
    expect(probes.open[0]).toMatchObject({ eventId: 'probe', confidence: 'confirmed', source: { publisher: null, quote: null } });
    const tariffs = answerTariffs(tariffsInForce(events, { asOf: '2018-06-01', knownAt: KNOWN_AT }), events, {});
    expect(tariffs.inForce[0]).toMatchObject({ eventId: 'tariff', confidence: 'unconfirmed' });
  });

  it('given a timeline row, then it carries the event\'s provenance at the top', () => {
    expect(timeline(events, { issue: 'auto-rules-of-origin' }).map(timelineRow)[0]).toMatchObject(expected);
  });

  it('given a threat, then the overview lists it with its provenance', () => {
    const threat = known([anEvent({ id: 'threat', type: 'ThreatIssued', issue: undefined, party: 'US', occurredAt: '2018-01-29', source: SOURCE, data: { threat: 'withdraw' } })]);
    const answer = answerNegotiation(negotiationOverview(threat, { negotiation: 'nafta-renegotiation', asOf: '2018-02-01', knownAt: KNOWN_AT }), threat);
    expect(answer.threats[0]).toMatchObject({ eventId: 'threat', source: SOURCE });
  });
});
