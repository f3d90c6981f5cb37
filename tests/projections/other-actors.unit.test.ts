import { answerNegotiation, negotiationOverview } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known } from './given';

const KNOWN_AT = '2026-12-31T00:00:00.000Z';
const ev = (type: string, id: string, occurredAt: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  anEvent({ id, type, negotiation: 'critical-minerals', issue: undefined, party: undefined, occurredAt, data, ...extra });
const say = (id: string, party: string, occurredAt: string, quote: string) =>
  ev('StatementIssued', id, occurredAt, { speaker: party, quote }, { party });

describe('parties and other actors', () => {
  const events = known([
    ev('NegotiationLaunched', 'launch', '2026-02-04', { title: 'US–Mexico critical minerals plan', parties: ['US', 'MX'] }, { party: 'US' }),
    say('think-tank', 'wilson-center', '2026-02-05', 'a first step'),
    ev('ThreatIssued', 'threat', '2026-02-06', { threat: 'left out', target: 'CA' }, { party: 'US' }),
    say('mx-word', 'MX', '2026-02-06', 'we welcome it'),
  ]);
  const at = (asOf: string) => answerNegotiation(negotiationOverview(events, { negotiation: 'critical-minerals', asOf, knownAt: KNOWN_AT }), events);

  it('given a launch naming US and MX, then a think tank and a third state that only appear are other actors, never parties', () => {
    const answer = at('2026-03-01');
    expect(answer.parties).toEqual(['MX', 'US']);
    expect(answer.otherActors).toEqual(['CA', 'wilson-center']);
  });

  it('given a later launch naming another party, then it joins the parties', () => {
    const joined = known([...events.map((e) => e.event), ev('NegotiationLaunched', 'widened', '2026-03-02', { title: 'widened', parties: ['CA'] })]);
    const answer = answerNegotiation(negotiationOverview(joined, { negotiation: 'critical-minerals', asOf: '2026-03-03', knownAt: KNOWN_AT }), joined);
    expect(answer.parties).toEqual(['CA', 'MX', 'US']);
    expect(answer.otherActors).toEqual(['wilson-center']);
  });

  it('given no launch yet, then the states that acted are parties and everyone else another actor', () => {
    const unlaunched = known([say('a', 'canacero', '2025-05-01', 'quota'), say('b', 'MX', '2025-05-02', 'preferential')]);
    const answer = answerNegotiation(negotiationOverview(unlaunched, { negotiation: 'critical-minerals', asOf: '2025-06-01', knownAt: KNOWN_AT }), unlaunched);
    expect([answer.parties, answer.otherActors]).toEqual([['MX'], ['canacero']]);
  });
});
