import { StoredEvent } from '../../events';
import { answerIssueState, atLeastAsConfident, issueStateAt, resolveKnowledge } from '../../projections';
import { EventHistory } from '../../src/queries/event-history';
import { IssueStateIndex } from '../../src/queries/issue-state-index';
import { anEvent } from '../support/event-builders';

const KNOWN_AT = '2030-01-01T00:00:00.000Z';
const Q = { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', knownAt: KNOWN_AT };
const CONFIDENCE = ['confirmed', 'reported', 'unconfirmed'] as const;
const DATES = ['2018-03', '2018-04-02', '2018', '2018-05-17/2018-05-24', '2018-06-10', '2017-11/2018-02'];
const ASKED = ['2018-01-15', '2018-03-15', '2018-04-30', '2018-05-20', '2018-05-24', '2018-07-01', '2019-01-01'];

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

const fromScratch = (history: EventHistory, asOf: string) => {
  const scratch = resolveKnowledge(history.stored(), KNOWN_AT);
  return answerIssueState(issueStateAt(scratch, { ...Q, asOf }), scratch);
};

describe('answers over the as-of index and the history\'s lookup', () => {
  it('given intervals, publishedAt bounds, scopes and mixed confidence arriving one by one, when answered through the index and lookup, then every answer equals one from scratch', () => {
    const history = new EventHistory(Array.from({ length: 40 }, (_, i) => stored(i)));
    let index = IssueStateIndex.for(history, Q.negotiation, Q.issue, KNOWN_AT);
    for (let i = 40; i < 70; i++) {
      for (const asOf of ASKED) expect(answerIssueState(index.stateAt(asOf, KNOWN_AT), history.lookup(KNOWN_AT))).toEqual(fromScratch(history, asOf));
      history.add(stored(i));
      index = IssueStateIndex.for(history, Q.negotiation, Q.issue, KNOWN_AT, index);
    }
    expect(fromScratch(history, '2018-05-20').possible.length).toBeGreaterThan(0);
  });

  it('given a confidence floor, then every term answered from the filtered events is at least that confident', () => {
    const history = new EventHistory(Array.from({ length: 70 }, (_, i) => stored(i)));
    const confirmed = atLeastAsConfident(resolveKnowledge(history.stored(), KNOWN_AT), 'confirmed');
    for (const asOf of ASKED) {
      const answer = answerIssueState(issueStateAt(confirmed, { ...Q, asOf }), confirmed, 'confirmed');
      for (const terms of Object.values(answer.positions)) for (const term of Object.values(terms)) expect(term.confidence).toBe('confirmed');
      for (const possible of answer.possible) expect(possible.confidence).toBe('confirmed');
    }
  });
});
