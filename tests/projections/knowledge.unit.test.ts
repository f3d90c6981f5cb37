import { annotateKnowledge, compareValidTime, knowledgeNotes, resolveKnowledge } from '../../projections';
import { anEvent } from '../support/event-builders';
import { ids, known, recordedAt, rvc, stored, tabled } from './given';

const offer = (id: string, occurredAt: string, value = 70) =>
  tabled('OfferMade', 'MX', occurredAt, [rvc(value)], { id });

const correction = (id: string, corrects: string, occurredAt: string, value: number) =>
  anEvent({
    id,
    type: 'EventCorrected',
    occurredAt: '2026-02-01',
    data: {
      corrects,
      replacement: {
        type: 'OfferMade', negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', party: 'MX',
        occurredAt, confidence: 'confirmed', data: { terms: [rvc(value)] },
      },
    },
  });

const retraction = (id: string, retracts: string) =>
  anEvent({ id, type: 'EventRetracted', occurredAt: '2026-02-01', data: { retracts, reason: 'misreported' } });

describe('resolveKnowledge', () => {
  it('keeps only what was recorded by knownAt', () => {
    // given
    const history = stored([
      recordedAt('2026-01-01T00:00:00.000Z', offer('a', '2018-05-01')),
      recordedAt('2026-03-01T00:00:00.000Z', offer('b', '2018-05-02')),
    ]);
    // when
    const before = resolveKnowledge(history, '2026-02-28T23:59:59.999Z');
    const at = resolveKnowledge(history, '2026-03-01T00:00:00.000Z');
    // then
    expect(ids(before)).toEqual(['a']);
    expect(ids(at)).toEqual(['a', 'b']);
  });

  it('reads a bare day as knownAt as the whole of that day', () => {
    // given
    const history = stored([recordedAt('2026-03-01T18:30:00.000Z', offer('a', '2018-05-01'))]);
    // when / then
    expect(ids(resolveKnowledge(history, '2026-03-01'))).toEqual(['a']);
    expect(ids(resolveKnowledge(history, '2026-02-28'))).toEqual([]);
  });

  it('orders by valid time (the day an event counts from), then by position', () => {
    // given: recorded in another order than they happened; "2018-05" counts from 2018-05-31
    const events = known([
      offer('month', '2018-05'),
      offer('late-may', '2018-05-30'),
      offer('early-may', '2018-05-01'),
      offer('also-may-31', '2018-05-31'),
      offer('year', '2018'),
    ]);
    // then
    expect(ids(events)).toEqual(['early-may', 'late-may', 'month', 'also-may-31', 'year']);
    expect(events.map((e) => e.countsFrom)).toEqual(['2018-05-01', '2018-05-30', '2018-05-31', '2018-05-31', '2018-12-31']);
  });

  it('strips what the store added from the event body and keeps position and recordedAt beside it', () => {
    // given
    const [event] = known([recordedAt('2026-01-02T03:04:05.000Z', offer('a', '2018-05-01'))]);
    // then
    expect(event).toEqual({
      event: offer('a', '2018-05-01'),
      position: 1n,
      recordedAt: '2026-01-02T03:04:05.000Z',
      countsFrom: '2018-05-01',
    });
    expect('position' in event.event).toBe(false);
  });

  it('applies a correction only once it is known, with the original id and the corrected date', () => {
    // given
    const history = stored([
      offer('a', '2018-05-20', 70),
      offer('b', '2018-05-22', 72),
      recordedAt('2026-02-01T00:00:00.000Z', correction('fix-a', 'a', '2018-05-25', 71)),
    ]);
    // when
    const before = resolveKnowledge(history, '2026-01-31T00:00:00.000Z');
    const after = resolveKnowledge(history, '2026-02-01T00:00:00.000Z');
    // then
    expect(ids(before)).toEqual(['a', 'b']);
    expect(before[0].event.occurredAt).toBe('2018-05-20');
    expect(before[0].correction).toBeUndefined();
    expect(ids(after)).toEqual(['b', 'a']);
    expect(after[1]).toEqual({
      event: {
        id: 'a', type: 'OfferMade', negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', party: 'MX',
        occurredAt: '2018-05-25', confidence: 'confirmed', data: { terms: [rvc(71)] },
      },
      position: 1n,
      recordedAt: '2026-01-01T00:00:00.000Z',
      countsFrom: '2018-05-25',
      correction: { eventId: 'fix-a', recordedAt: '2026-02-01T00:00:00.000Z' },
    });
  });

  it('lets the latest of two corrections (by position) win', () => {
    // given
    const history = [offer('a', '2018-05-20', 70), correction('fix-1', 'a', '2018-05-20', 71), correction('fix-2', 'a', '2018-05-20', 72)];
    // when
    const [event] = known(history);
    // then
    expect(event.event.data).toEqual({ terms: [rvc(72)] });
    expect(event.correction?.eventId).toBe('fix-2');
  });

  it('removes a retracted event once the retraction is known', () => {
    // given
    const history = stored([
      offer('a', '2018-05-20'),
      offer('b', '2018-05-21'),
      recordedAt('2026-02-01T00:00:00.000Z', retraction('drop-a', 'a')),
    ]);
    // when / then
    expect(ids(resolveKnowledge(history, '2026-01-15T00:00:00.000Z'))).toEqual(['a', 'b']);
    expect(ids(resolveKnowledge(history, '2026-02-01T00:00:00.000Z'))).toEqual(['b']);
  });

  it('ignores a correction whose target is not among the events', () => {
    // when
    const events = known([offer('a', '2018-05-20'), correction('fix-x', 'unknown-id', '2018-05-20', 71)]);
    // then
    expect(ids(events)).toEqual(['a']);
    expect(events[0].correction).toBeUndefined();
  });

  it('undoes a correction that is itself retracted, falling back to the earlier correction', () => {
    // when
    const [event] = known([
      offer('a', '2018-05-20', 70),
      correction('fix-1', 'a', '2018-05-20', 71),
      correction('fix-2', 'a', '2018-05-20', 72),
      retraction('undo-fix-2', 'fix-2'),
    ]);
    // then
    expect(event.event.data).toEqual({ terms: [rvc(71)] });
    expect(event.correction?.eventId).toBe('fix-1');
  });

  it('restores an event whose retraction is retracted', () => {
    // when
    const events = known([offer('a', '2018-05-20'), retraction('drop-a', 'a'), retraction('undo-drop', 'drop-a')]);
    // then
    expect(ids(events)).toEqual(['a']);
  });
});

describe('compareValidTime', () => {
  it('orders by countsFrom, then position', () => {
    // given
    const [a, b] = known([offer('a', '2018-05-20'), offer('b', '2018-05-20')]);
    const [early] = known([offer('early', '2018-01-01')]);
    // then
    expect(compareValidTime(a, b)).toBeLessThan(0);
    expect(compareValidTime(b, a)).toBeGreaterThan(0);
    expect(compareValidTime(a, a)).toBe(0);
    expect(compareValidTime({ ...early, position: 99n }, a)).toBeLessThan(0);
  });
});

describe('annotateKnowledge', () => {
  it('marks each stored event for a timeline, in position order', () => {
    // given
    const history = stored([
      offer('a', '2018-05-20'),
      offer('b', '2018-05-21'),
      offer('c', '2018-05-22'),
      correction('fix-a', 'a', '2018-05-20', 75),
      retraction('drop-b', 'b'),
      recordedAt('2026-06-01T00:00:00.000Z', retraction('drop-c', 'c')),
    ]);
    // when
    const annotations = annotateKnowledge(history, '2026-02-01T00:00:00.000Z');
    // then
    expect(annotations.map(({ event, ...rest }) => ({ id: event.id, ...rest }))).toEqual([
      {
        id: 'a',
        status: 'corrected',
        replacement: {
          id: 'a', type: 'OfferMade', negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', party: 'MX',
          occurredAt: '2018-05-20', confidence: 'confirmed', data: { terms: [rvc(75)] },
        },
        by: 'fix-a',
      },
      { id: 'b', status: 'retracted', by: 'drop-b' },
      { id: 'c', status: 'in-force' },
      { id: 'fix-a', status: 'correction' },
      { id: 'drop-b', status: 'correction' },
      { id: 'drop-c', status: 'not-yet-known' },
    ]);
  });
});

describe('knowledgeNotes (served on the timeline answer)', () => {
  it('given corrections before and after knownAt, then it notes what was corrected or retracted by then, and what only later, leaving plain events out', () => {
    // given
    const history = stored([
      offer('a', '2018-05-20'),
      offer('b', '2018-05-21'),
      offer('c', '2018-05-22'),
      offer('d', '2018-05-23'),
      correction('fix-a', 'a', '2018-05-20', 75),
      retraction('drop-b', 'b'),
      recordedAt('2026-06-01T00:00:00.000Z', retraction('drop-c', 'c')),
    ]);
    // when
    const notes = knowledgeNotes(history, '2026-02-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z');
    // then
    expect(notes.map(({ summary: _summary, countsFrom: _countsFrom, ...note }) => note)).toEqual([
      { eventId: 'a', status: 'corrected', by: 'fix-a' },
      { eventId: 'b', status: 'retracted', by: 'drop-b' },
      { eventId: 'c', status: 'in-force', later: { status: 'retracted', by: 'drop-c' } },
      { eventId: 'fix-a', status: 'correction' },
      { eventId: 'drop-b', status: 'correction' },
    ]);
    expect(notes.find((n) => n.eventId === 'b')).toMatchObject({ countsFrom: '2018-05-21', summary: expect.stringContaining('70') });
  });
});
