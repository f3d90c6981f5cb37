import { StoredEvent } from '../../events';
import { issueStateAt, resolveKnowledge } from '../../projections';
import { EventHistory } from '../../src/queries/event-history';
import { IssueStateIndex } from '../../src/queries/issue-state-index';
import { anEvent } from '../support/event-builders';

const KNOWN_AT = '2030-01-01T00:00:00.000Z';
let position = 0n;
const stored = (overrides: Record<string, unknown>): StoredEvent => ({
  ...anEvent(overrides),
  position: ++position,
  streamRevision: position - 1n,
  recordedAt: `2026-01-01T00:00:${String(Number(position % 60n)).padStart(2, '0')}.000Z`,
});
const offer = (i: number, day: string) =>
  stored({ id: `o${i}`, party: i % 3 ? 'MX' : 'US', occurredAt: day, data: { terms: [{ metric: 'regional_value_content', value: 60 + (i % 25), unit: 'percent' }] } });
const day = (i: number) => `2018-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
const ASKED = ['2017-12-31', '2018-02-14', '2018-05-24', '2018-08-01', '2018-11-30', '2019-01-01'];

/** What a from-scratch fold of everything says, to compare the index against. */
const expected = (history: EventHistory, asOf: string) =>
  issueStateAt(resolveKnowledge(history.stored(), KNOWN_AT), { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf, knownAt: KNOWN_AT });

describe('the as-of index of one issue', () => {
  it('given answers already cached, when events arrive (some back-dated into the middle of valid time), then every answer equals a fold from scratch', () => {
    const history = new EventHistory(Array.from({ length: 100 }, (_, i) => offer(i, day(i))));
    let index = IssueStateIndex.for(history, 'nafta-renegotiation', 'auto-rules-of-origin', KNOWN_AT);
    for (let i = 100; i < 160; i++) {
      ASKED.forEach((asOf) => expect(index.stateAt(asOf, KNOWN_AT)).toEqual(expected(history, asOf)));
      history.add(offer(i, i % 2 ? '2018-01-02' : day(i)));
      const next = IssueStateIndex.for(history, 'nafta-renegotiation', 'auto-rules-of-origin', KNOWN_AT, index);
      expect(next).toBe(index);
      index = next;
    }
    ASKED.forEach((asOf) => expect(index.stateAt(asOf, KNOWN_AT)).toEqual(expected(history, asOf)));
  });

  it('given a correction, then the index is rebuilt and answers with the corrected value', () => {
    const history = new EventHistory(Array.from({ length: 40 }, (_, i) => offer(i, day(i))));
    const index = IssueStateIndex.for(history, 'nafta-renegotiation', 'auto-rules-of-origin', KNOWN_AT);
    index.stateAt('2019-01-01', KNOWN_AT);
    const { id: _id, ...replacement } = offer(1000, '2018-03-03');
    delete (replacement as Partial<StoredEvent>).position;
    delete (replacement as Partial<StoredEvent>).streamRevision;
    delete (replacement as Partial<StoredEvent>).recordedAt;
    history.add(stored({ id: 'fix', type: 'EventCorrected', issue: undefined, party: undefined, data: { corrects: 'o0', replacement } }));
    const rebuilt = IssueStateIndex.for(history, 'nafta-renegotiation', 'auto-rules-of-origin', KNOWN_AT, index);
    expect(rebuilt).not.toBe(index);
    ASKED.forEach((asOf) => expect(rebuilt.stateAt(asOf, KNOWN_AT)).toEqual(expected(history, asOf)));
  });
});
