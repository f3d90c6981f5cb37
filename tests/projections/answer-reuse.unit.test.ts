import { answerIssueState, issueStateAt } from '../../projections';
import { known, rvc, tabled } from './given';

const KNOWN_AT = '2026-12-31T00:00:00.000Z';
const SOURCE = { publisher: 'Reuters', title: 'Mexico makes new offer', url: 'https://example.org/a', document: '000.txt', quote: 'Mexico offered 70 percent', publishedAt: '2018-05-24' };
const at = (asOf: string) => ({ negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf, knownAt: KNOWN_AT });

describe('answers reuse the terms they answered before (states share terms)', () => {
  const events = known([
    tabled('OfferMade', 'MX', '2018-05-24', [rvc(70)], { id: 'mx', source: SOURCE, confidence: 'reported' }),
    tabled('DemandTabled', 'US', '2018-03', [rvc(85)], { id: 'us' }),
    tabled('OfferMade', 'CA', '2018', [rvc(75)], { id: 'ca' }),
  ]);

  it('given one state answered twice, then both answers are equal and the second one is as complete as the first', () => {
    const state = issueStateAt(events, at('2018-06-01'));
    const first = answerIssueState(state, events);
    const second = answerIssueState(state, events);
    expect(second).toEqual(first);
    expect(second.positions.MX.regional_value_content).toMatchObject({ eventId: 'mx', confidence: 'reported', source: SOURCE, window: { from: '2018-05-24', to: '2018-05-24' } });
    expect(second.possible).toEqual([expect.objectContaining({ eventId: 'ca', window: { from: '2018-01-01', to: '2018-12-31' } })]);
  });

  it('given the same state answered over a corrected event (same id, new body), then the answer shows the corrected source, and the original again after', () => {
    const state = issueStateAt(events, at('2018-06-01'));
    const corrected = events.map((e) => (e.event.id === 'mx' ? { ...e, event: { ...e.event, confidence: 'confirmed' as const, source: { ...SOURCE, quote: 'Mexico put 70 percent on the table' } } } : e));
    expect(answerIssueState(state, events).positions.MX.regional_value_content).toMatchObject({ confidence: 'reported', source: { quote: 'Mexico offered 70 percent' } });
    expect(answerIssueState(state, corrected).positions.MX.regional_value_content).toMatchObject({ confidence: 'confirmed', source: { quote: 'Mexico put 70 percent on the table' } });
    expect(answerIssueState(state, events).positions.MX.regional_value_content).toMatchObject({ confidence: 'reported', source: { quote: 'Mexico offered 70 percent' } });
  });

  it('given an answered term shared by two answers, then it cannot be changed through one of them', () => {
    const answer = answerIssueState(issueStateAt(events, at('2018-06-01')), events);
    expect(() => {
      (answer.positions.MX.regional_value_content as { metric: string }).metric = 'changed';
    }).toThrow(TypeError);
  });
});
