import { answerIssueState, atLeastAsConfident, issueStateAt, timeline } from '../../projections';
import { known, rvc, tabled } from './given';

const Q = { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf: '2018-05-25', knownAt: '2026-12-31T00:00:00.000Z' };

describe('minConfidence', () => {
  const events = known([
    tabled('DemandTabled', 'US', '2018-01-29', [rvc(75)], { id: 'us', confidence: 'confirmed' }),
    tabled('OfferMade', 'MX', '2018-05-24', [rvc(70)], { id: 'mx', confidence: 'reported' }),
    tabled('OfferMade', 'CA', '2018-05-24', [rvc(72)], { id: 'ca', confidence: 'unconfirmed' }),
  ]);
  const at = (min?: 'confirmed' | 'reported' | 'unconfirmed') => {
    const counted = atLeastAsConfident(events, min);
    return answerIssueState(issueStateAt(counted, Q), counted, min ?? null);
  };

  it('given confirmed only, then a reported offer neither shows nor makes a gap', () => {
    const state = at('confirmed');
    expect(Object.keys(state.positions)).toEqual(['US']);
    expect(state.gaps).toEqual({});
    expect(state.minConfidence).toBe('confirmed');
  });

  it('given reported, then unconfirmed terms are left out and the gap is between confirmed and reported ones', () => {
    const state = at('reported');
    expect(Object.keys(state.positions)).toEqual(['MX', 'US']);
    expect(state.gaps.regional_value_content).toMatchObject({ min: 70, max: 75 });
  });

  it('given no minimum (or unconfirmed), then every event counts and each term shows its confidence', () => {
    expect(at('unconfirmed').positions).toEqual(at().positions);
    expect(Object.values(at().positions).map((terms) => terms.regional_value_content.confidence)).toEqual(['unconfirmed', 'reported', 'confirmed']);
  });

  it('given a timeline from confirmed events only, then only those rows remain', () => {
    expect(timeline(atLeastAsConfident(events, 'confirmed'), {}).map((e) => e.event.id)).toEqual(['us']);
  });
});
