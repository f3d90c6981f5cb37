import { negotiationOverview, resolveKnowledge } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known, rvc, stored, tabled } from './given';

const KNOWN_AT = '2026-12-31T00:00:00.000Z';
const nafta = (type: string, id: string, occurredAt: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  anEvent({ id, type, negotiation: 'nafta-renegotiation', issue: undefined, party: undefined, occurredAt, data, ...extra });

describe('negotiationOverview', () => {
  const events = known([
    nafta('NegotiationLaunched', 'launch', '2017', { title: 'NAFTA renegotiation', parties: ['US', 'MX', 'CA'], agreement: 'NAFTA' }, { party: 'US' }),
    nafta('RoundHeld', 'round-6', '2018-01-29', { round: '6', location: 'Montreal', startedOn: '2018-01-23', endedOn: '2018-01-29' }),
    nafta('DeadlineSet', 'march', '2018-01-29', { deadline: '2018-03', what: 'final round' }),
    nafta('DeadlineSet', 'april', '2018-01-29', { deadline: '2018-04-30', what: 'fallback' }),
    nafta('ThreatIssued', 'withdraw', '2018-01-29', { threat: 'withdraw from NAFTA', target: 'CA' }, { party: 'US' }),
    nafta('RoundHeld', 'round-7', '2018-03-05', { round: '7', location: 'Mexico City' }),
    tabled('OfferMade', 'MX', '2018-05-24', [rvc(70)]),
    tabled('DemandTabled', 'US', '2018-01-29', [{ metric: 'review_period_years', value: 5, unit: 'years' }], { issue: 'sunset-clause' }),
    nafta('ProbeLaunched', 'auto-probe', '2018-05-23', { authority: 'Section 232', subject: 'car imports' }, { issue: 'auto-tariffs', party: 'US' }),
    nafta('StatementIssued', 'cce', '2018-02-01', { speaker: 'CCE', quote: 'case by case' }, { party: 'cce', issue: 'services-trade' }),
    anEvent({ id: 'elsewhere', negotiation: 'steel-talks', issue: 'steel-aluminum-tariffs', party: 'JP', occurredAt: '2018-01-01' }),
  ]);
  const at = (asOf: string) => negotiationOverview(events, { negotiation: 'nafta-renegotiation', asOf, knownAt: KNOWN_AT });

  it('sums up the negotiation as of a day', () => {
    // then
    expect(at('2018-03-10')).toEqual({
      negotiation: 'nafta-renegotiation',
      asOf: '2018-03-10',
      knownAt: KNOWN_AT,
      title: 'NAFTA renegotiation',
      agreement: 'NAFTA',
      parties: ['CA', 'MX', 'US', 'cce'],
      rounds: { held: 2, last: { round: '7', location: 'Mexico City', endedOn: '2018-03-05', eventId: 'round-7' } },
      deadlinesAhead: [
        { deadline: '2018-03', what: 'final round', eventId: 'march' },
        { deadline: '2018-04-30', what: 'fallback', eventId: 'april' },
      ],
      deadlinesPassed: [],
      threats: [{ threat: 'withdraw from NAFTA', target: 'CA', party: 'US', since: '2018-01-29', eventId: 'withdraw' }],
      openProbes: [],
      issues: [
        { issue: 'auto-rules-of-origin', title: 'Auto rules of origin', status: 'not_raised', eventCount: 0, lastEventAt: null },
        { issue: 'auto-tariffs', title: 'Auto tariffs', status: 'not_raised', eventCount: 0, lastEventAt: null },
        { issue: 'services-trade', title: 'Services trade', status: 'open', eventCount: 1, lastEventAt: '2018-02-01' },
        { issue: 'sunset-clause', title: 'Sunset clause', status: 'open', eventCount: 1, lastEventAt: '2018-01-29' },
      ],
      eventCount: 8,
      lastEventAt: '2018-03-05',
    });
  });

  it('counts rounds held by asOf and passes a month deadline only on its last day', () => {
    // then
    expect(at('2018-03-04').rounds).toEqual({ held: 1, last: { round: '6', location: 'Montreal', endedOn: '2018-01-29', eventId: 'round-6' } });
    expect(at('2018-03-30').deadlinesPassed).toEqual([]);
    expect(at('2018-03-31').deadlinesPassed).toEqual([{ deadline: '2018-03', what: 'final round', eventId: 'march' }]);
    expect(at('2018-03-31').deadlinesAhead.map((d) => d.eventId)).toEqual(['april']);
  });

  it('has nothing but its issues before anything counts (a year-dated launch counts from December 31st)', () => {
    // when
    const early = at('2017-12-30');
    // then
    expect(early).toMatchObject({ title: null, agreement: null, parties: [], rounds: { held: 0, last: null }, threats: [], eventCount: 0, lastEventAt: null });
    expect(early.issues.map((i) => i.status)).toEqual(['not_raised', 'not_raised', 'not_raised', 'not_raised']);
    expect(at('2017-12-31').title).toBe('NAFTA renegotiation');
  });

  it('lists the negotiation\'s open probes and every issue status', () => {
    // when
    const may = at('2018-05-24');
    // then
    expect(may.openProbes.map((p) => p.eventId)).toEqual(['auto-probe']);
    expect(may.issues.map((i) => `${i.issue}:${i.status}:${i.eventCount}`)).toEqual([
      'auto-rules-of-origin:open:1', 'auto-tariffs:open:1', 'services-trade:open:1', 'sunset-clause:open:1',
    ]);
    expect(may.lastEventAt).toBe('2018-05-24');
  });

  it('uses the slug as the title of an issue outside the vocabulary', () => {
    // given
    const history = stored([tabled('OfferMade', 'MX', '2018-05-24', [rvc(70)], { issue: 'textiles' })]);
    // when
    const overview = negotiationOverview(resolveKnowledge(history, KNOWN_AT), { negotiation: 'nafta-renegotiation', asOf: '2018-06-01', knownAt: KNOWN_AT });
    // then
    expect(overview.issues).toEqual([{ issue: 'textiles', title: 'textiles', status: 'open', eventCount: 1, lastEventAt: '2018-05-24' }]);
  });
});
