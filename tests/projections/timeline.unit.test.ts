import { summarize, timeline } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known, lvc, rvc, tabled } from './given';

describe('timeline', () => {
  const events = known([
    tabled('DemandTabled', 'US', '2018', [rvc(75)], { id: 'us-2018' }),
    tabled('CounterofferMade', 'MX', '2018-05-24', [rvc(70)], { id: 'mx-counter', data: { terms: [rvc(70)], respondsTo: 'us-offer' } }),
    tabled('OfferMade', 'CA', '2018-05', [lvc(30)], { id: 'ca-may', issue: 'sunset-clause' }),
    anEvent({
      id: 'steel', type: 'TariffImposed', negotiation: 'steel-talks', issue: 'steel-aluminum-tariffs', party: 'US', occurredAt: '2018-06-01',
      data: { measure: 'Section 232', product: 'steel', rate: { value: 25, unit: 'percent' }, targets: ['*'] },
    }),
  ]);
  const idsOf = (q: Parameters<typeof timeline>[1]) => timeline(events, q).map((e) => e.event.id);

  it('gives each event its valid time, precision and a one-line summary, in valid-time order', () => {
    // when
    const entries = timeline(events, { negotiation: 'nafta-renegotiation' });
    // then
    expect(entries.map(({ event, ...rest }) => ({ id: event.id, ...rest }))).toEqual([
      { id: 'mx-counter', position: 2n, recordedAt: '2026-01-01T00:00:00.000Z', countsFrom: '2018-05-24', precision: 'day', summary: 'MX counteroffer on auto-rules-of-origin: regional_value_content 70 percent (responds to us-offer)' },
      { id: 'ca-may', position: 3n, recordedAt: '2026-01-01T00:00:00.000Z', countsFrom: '2018-05-31', precision: 'month', summary: 'CA offer on sunset-clause: labor_value_content 30 percent' },
      { id: 'us-2018', position: 1n, recordedAt: '2026-01-01T00:00:00.000Z', countsFrom: '2018-12-31', precision: 'year', summary: 'US demand on auto-rules-of-origin: regional_value_content 75 percent' },
    ]);
  });

  it('filters by issue, party, types and an inclusive range of countsFrom', () => {
    // then
    expect(idsOf({ issue: 'auto-rules-of-origin' })).toEqual(['mx-counter', 'us-2018']);
    expect(idsOf({ party: 'MX' })).toEqual(['mx-counter', 'steel']);
    expect(idsOf({ party: 'cce' })).toEqual([]);
    expect(idsOf({ types: ['OfferMade', 'TariffImposed'] })).toEqual(['ca-may', 'steel']);
    expect(idsOf({ from: '2018-05-31', to: '2018-06-01' })).toEqual(['ca-may', 'steel']);
    expect(idsOf({ from: '2018-05-25', to: '2018-05-30' })).toEqual([]);
    expect(idsOf({ from: '2018-06', to: '2018' })).toEqual(['steel', 'us-2018']);
  });

  it('carries the correction an event stands under', () => {
    // given
    const corrected = known([
      tabled('OfferMade', 'MX', '2018-05-24', [rvc(70)], { id: 'mx-offer' }),
      anEvent({
        id: 'fix', type: 'EventCorrected', occurredAt: '2026-02-01',
        data: { corrects: 'mx-offer', replacement: { type: 'OfferMade', negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', party: 'MX', occurredAt: '2018-05-24', data: { terms: [rvc(65)] } } },
      }),
    ]);
    // when
    const [entry] = timeline(corrected, {});
    // then
    expect(entry.correction).toEqual({ eventId: 'fix', recordedAt: '2026-01-01T00:00:00.000Z' });
    expect(entry.summary).toBe('MX offer on auto-rules-of-origin: regional_value_content 65 percent');
  });
});

describe('summarize', () => {
  const of = (type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => summarize(anEvent({ type, data, ...extra }));

  it('writes one readable line per event type', () => {
    // then
    expect(of('DemandTabled', { terms: [{ metric: 'us_content', value: 50, unit: 'percent', text: 'fifty' }, { metric: 'regional_value_content', text: 'higher' }] }, { party: 'US' }))
      .toBe('US demand on auto-rules-of-origin: us_content 50 percent; regional_value_content "higher"');
    expect(of('ProposalRejected', { respondsTo: 'ca-offer', reason: 'less regional content' }, { party: 'US' }))
      .toBe('US rejects ca-offer on auto-rules-of-origin: less regional content');
    expect(of('PositionWithdrawn', { metrics: ['regional_value_content', 'us_content'] }))
      .toBe('MX withdraws its position on auto-rules-of-origin: regional_value_content, us_content');
    expect(of('AgreementReached', { parties: ['US', 'MX'], terms: [rvc(75)] }))
      .toBe('US, MX agree on auto-rules-of-origin: regional_value_content 75 percent');
    expect(of('ProbeLaunched', { authority: 'Section 232', subject: 'car and truck imports', targets: ['*'] }, { party: 'US', issue: 'auto-tariffs' }))
      .toBe('US launches a Section 232 probe: car and truck imports (targets *)');
    expect(of('ProbeConcluded', { probe: 'auto-probe', finding: 'threat' }, { party: 'US' })).toBe('US concludes probe auto-probe: threat');
    expect(of('TariffAnnounced', { measure: 'IEEPA', product: 'all goods', rate: { value: 25, unit: 'percent' }, targets: ['MX', 'CA'], effectiveOn: '2025-03-04' }, { party: 'US' }))
      .toBe('US announces IEEPA tariff on all goods: 25 percent on MX, CA from 2025-03-04');
    expect(of('TariffImposed', { measure: 'Section 232', product: 'steel', rate: { value: 25, unit: 'percent' }, targets: ['*'] }, { party: 'US' }))
      .toBe('US imposes Section 232 tariff on steel: 25 percent on *');
    expect(of('TariffLifted', { measure: 'Section 232', product: 'steel', targets: ['MX'] }, { party: 'US' }))
      .toBe('US lifts Section 232 tariff on steel for MX');
    expect(of('ExemptionGranted', { measure: 'Section 232', product: 'steel', beneficiaries: ['MX'], until: '2018-06-01' }, { party: 'US' }))
      .toBe('US exempts MX from Section 232 on steel until 2018-06-01');
    expect(of('NegotiationLaunched', { title: 'NAFTA renegotiation', parties: ['US', 'MX', 'CA'], agreement: 'NAFTA' }))
      .toBe('NAFTA renegotiation launched (US, MX, CA) on NAFTA');
    expect(of('RoundHeld', { round: '6', location: 'Montreal', startedOn: '2018-01-23', endedOn: '2018-01-29' }))
      .toBe('Round 6 held in Montreal (2018-01-23 to 2018-01-29)');
    expect(of('DeadlineSet', { deadline: '2018-03', what: 'final round' })).toBe('Deadline 2018-03: final round');
    expect(of('ThreatIssued', { threat: 'scrap NAFTA' }, { party: 'US', issue: undefined })).toBe('US threatens: scrap NAFTA');
    expect(of('StatementIssued', { speaker: 'Lighthizer', quote: 'progressing\nvery slowly' })).toBe('Lighthizer: "progressing very slowly"');
    expect(of('EventRetracted', { retracts: 'x', reason: 'misreported' })).toBe('Retraction of x: misreported');
  });

  it('clips long text to one line of at most 140 characters', () => {
    // when
    const line = of('ThreatIssued', { threat: 'word '.repeat(100) }, { party: 'US' });
    // then
    expect(line).toBe(`US threatens: ${'word '.repeat(27)}word…`);
    expect(line.length).toBeLessThanOrEqual(14 + 140);
  });
});
