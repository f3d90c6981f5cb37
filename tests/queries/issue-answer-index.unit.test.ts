import { StoredEvent } from '../../events';
import { answerIssueState, atLeastAsConfident, issueStateAt, resolveKnowledge } from '../../projections';
import { EventHistory } from '../../src/queries/event-history';
import { IssueStateIndex } from '../../src/queries/issue-state-index';
import { anEvent } from '../support/event-builders';

const KNOWN_AT = '2030-01-01T00:00:00.000Z';
const Q = { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', knownAt: KNOWN_AT };
const CONFIDENCE = ['confirmed', 'reported', 'unconfirmed'] as const;
const DATES = ['2018-03', '2018-04-02', '2018', '2018-05-17/2018-05-24', '2018-06-10'];

let position = 0n;
const stored = (i: number): StoredEvent => ({
  ...anEvent({
    id: `o${i}`, party: ['US', 'MX', 'CA'][i % 3], occurredAt: DATES[i % DATES.length], confidence: CONFIDENCE[i % 3],
    ...(i % 4 === 0 ? { source: { publishedAt: '2018-06-30' } } : {}),
    data: { terms: [{ metric: 'regional_value_content', value: 60 + (i % 17), unit: 'percent', ...(i % 5 === 0 ? { scope: 'core-parts' } : {}) }] },
  }),
  position: ++position,
  streamRevision: position - 1n,
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('answers over the as-of index', () => {
  it('given intervals, publishedAt bounds, scopes and mixed confidence, when answered through the index or from scratch, then the answers are equal', () => {
    const history = new EventHistory(Array.from({ length: 70 }, (_, i) => stored(i)));
    const index = IssueStateIndex.for(history, Q.negotiation, Q.issue, KNOWN_AT);
    const view = history.known(KNOWN_AT);
    for (const asOf of ['2018-03-15', '2018-04-30', '2018-05-20', '2018-05-24', '2018-07-01', '2019-01-01']) {
      const scratch = resolveKnowledge(history.stored(), KNOWN_AT);
      expect(answerIssueState(index.stateAt(asOf, KNOWN_AT), view)).toEqual(answerIssueState(issueStateAt(scratch, { ...Q, asOf }), scratch));
      const confirmed = atLeastAsConfident(scratch, 'confirmed');
      const answer = answerIssueState(issueStateAt(confirmed, { ...Q, asOf }), confirmed, 'confirmed');
      for (const terms of Object.values(answer.positions)) for (const term of Object.values(terms)) expect(term.confidence).toBe('confirmed');
    }
  });
});
