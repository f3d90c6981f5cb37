import { answerIssueState, issueStateAt } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known, rvc, tabled } from './given';

const Q = { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf: '2018-05-25', knownAt: '2026-12-31T00:00:00.000Z' };
const scoped = (value: number, scope: string, text?: string) => ({ ...rvc(value), scope, ...(text ? { text } : {}) });

describe('comparable terms: scope', () => {
  const events = known([
    tabled('DemandTabled', 'US', '2018-05-24', [scoped(75, 'high-value-parts', '75 percent for high-value parts')], { id: 'us' }),
    tabled('OfferMade', 'MX', '2018-05-24', [scoped(70, 'whole-vehicle')], { id: 'mx' }),
  ]);

  it('given a US term for high-value parts and an MX term for the whole vehicle, then they are keyed apart and not compared', () => {
    const state = issueStateAt(events, Q);
    expect(Object.keys(state.positions.US)).toEqual(['regional_value_content@high-value-parts']);
    expect(Object.keys(state.positions.MX)).toEqual(['regional_value_content@whole-vehicle']);
    expect(state.gaps).toEqual({});
  });

  it('given two parties on the same scope, then the gap is keyed metric@scope', () => {
    const same = known([...events.map((e) => e.event), tabled('CounterofferMade', 'CA', '2018-05-24', [scoped(72, 'high-value-parts')], { id: 'ca' })]);
    const gaps = issueStateAt(same, Q).gaps;
    expect(Object.keys(gaps)).toEqual(['regional_value_content@high-value-parts']);
    expect(gaps['regional_value_content@high-value-parts']).toMatchObject({ min: 72, max: 75, low: ['CA'], high: ['US'] });
  });

  it('given a scoped term, then the answer shows its metric, scope and wording', () => {
    const us = answerIssueState(issueStateAt(events, Q), events).positions.US['regional_value_content@high-value-parts'];
    expect(us).toMatchObject({ metric: 'regional_value_content', scope: 'high-value-parts', value: 75, text: '75 percent for high-value parts' });
  });

  it('given a withdrawal of the bare metric, then every scope of it is withdrawn', () => {
    const withdrawn = known([
      ...events.map((e) => e.event),
      anEvent({ id: 'us-out', type: 'PositionWithdrawn', party: 'US', occurredAt: '2018-05-25', data: { metrics: ['regional_value_content'] } }),
    ]);
    expect(issueStateAt(withdrawn, Q).positions.US).toBeUndefined();
  });
});
