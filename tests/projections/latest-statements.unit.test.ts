import { answerNegotiation, negotiationOverview } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known } from './given';

const KNOWN_AT = '2026-12-31T00:00:00.000Z';
const say = (id: string, party: string, occurredAt: string, quote: string, extra: Record<string, unknown> = {}) =>
  anEvent({ id, type: 'StatementIssued', negotiation: 'steel-talks', issue: undefined, party, occurredAt,
    data: { speaker: `${party} spokesperson`, quote, stance: 'firm' }, ...extra });

describe('latest word per party', () => {
  const events = known([
    say('mx-1', 'MX', '2025-05-01', 'first word'),
    say('us-1', 'US', '2025-05-10', 'no deal yet', { source: { publisher: 'Reuters', quote: 'no deal yet', publishedAt: '2025-05-10' } }),
    say('mx-2', 'MX', '2025-06', 'second word'),
  ]);
  const at = (asOf: string) => answerNegotiation(negotiationOverview(events, { negotiation: 'steel-talks', asOf, knownAt: KNOWN_AT }), events).latestStatements;

  it('given two statements by MX, then the later one counted by asOf is its latest word', () => {
    expect(at('2025-05-31').MX.eventId).toBe('mx-1');
    expect(at('2025-06-30').MX).toMatchObject({ eventId: 'mx-2', occurredAt: '2025-06', quote: 'second word', speaker: 'MX spokesperson', stance: 'firm' });
  });

  it('given a statement with a source, then the latest word carries its provenance', () => {
    expect(at('2025-05-31').US).toMatchObject({ confidence: 'reported', source: { publisher: 'Reuters', quote: 'no deal yet', url: null } });
  });

  it('given nothing said by asOf, then there are no latest statements', () => {
    expect(at('2025-04-30')).toEqual({});
  });
});
