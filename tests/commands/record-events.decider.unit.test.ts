import { ParleyEvent } from '../../events';
import { DomainRuleError } from '../../src/commands/domain-rule.error';
import { decideRecordEvents, ReferenceState } from '../../src/commands/record-events.decider';
import { anEvent } from '../support/event-builders';

const state = (referenced: Record<string, { type: ParleyEvent['type']; negotiation: string }> = {}, retracted: string[] = []): ReferenceState => ({
  referenced: new Map(Object.entries(referenced)),
  retracted: new Set(retracted),
});
const counter = (respondsTo: string, overrides: Record<string, unknown> = {}) =>
  anEvent({ type: 'CounterofferMade', data: { terms: [{ metric: 'regional_value_content', value: 70, unit: 'percent' }], respondsTo }, ...overrides });
const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.problems.map((p) => `${p.index} ${p.path}: ${p.message}`);
    throw error;
  }
  return [];
};

describe('deciding RecordEvents', () => {
  it('given a stored US offer, when MX counters it, then the batch is accepted', () => {
    expect(decideRecordEvents([counter('us-75')], state({ 'us-75': { type: 'OfferMade', negotiation: 'nafta-renegotiation' } }))).toHaveLength(1);
  });

  it('given nothing stored, when a counteroffer responds to an unknown id, then it is refused naming data.respondsTo', () => {
    expect(problemsOf(() => decideRecordEvents([counter('ghost')], state()))).toEqual(['0 data.respondsTo: no event "ghost" is stored or earlier in this batch']);
  });

  it('given the offer earlier in the same batch, when countered, then it is accepted', () => {
    const offer = anEvent({ id: 'us-75' });
    expect(decideRecordEvents([offer, counter('us-75')], state())).toHaveLength(2);
  });

  it('given a target in another negotiation or of the wrong type, then each is refused with the reason', () => {
    const refs = state({ other: { type: 'OfferMade', negotiation: 'steel-talks' }, round: { type: 'RoundHeld', negotiation: 'nafta-renegotiation' } });
    expect(problemsOf(() => decideRecordEvents([counter('other'), counter('round')], refs))).toEqual([
      '0 data.respondsTo: event "other" belongs to negotiation "steel-talks", not "nafta-renegotiation"',
      '1 data.respondsTo: event "round" is a RoundHeld; expected a demand, offer or counteroffer',
    ]);
  });

  it('given a retracted event, when retracted again (stored or in the batch), then it is refused', () => {
    const retract = (id: string, target: string) => anEvent({ id, type: 'EventRetracted', issue: undefined, party: undefined, data: { retracts: target, reason: 'wrong' } });
    const refs = state({ a: { type: 'OfferMade', negotiation: 'nafta-renegotiation' }, b: { type: 'OfferMade', negotiation: 'nafta-renegotiation' } }, ['a']);
    expect(problemsOf(() => decideRecordEvents([retract('r1', 'a')], refs))).toEqual(['0 data.retracts: event "a" has been retracted']);
    expect(problemsOf(() => decideRecordEvents([retract('r2', 'b'), retract('r3', 'b')], refs))).toEqual(['1 data.retracts: event "b" has been retracted']);
  });

  it('given a correction, when it targets a correction or moves the event to another negotiation, then it is refused', () => {
    const correction = (target: string, negotiation = 'nafta-renegotiation') =>
      anEvent({ type: 'EventCorrected', issue: undefined, party: undefined, data: { corrects: target, replacement: { type: 'StatementIssued', negotiation, occurredAt: '2018', data: { speaker: 'x', quote: 'y' } } } });
    const refs = state({ fix: { type: 'EventCorrected', negotiation: 'nafta-renegotiation' }, a: { type: 'OfferMade', negotiation: 'nafta-renegotiation' } });
    expect(problemsOf(() => decideRecordEvents([correction('fix'), correction('a', 'steel-talks')], refs))).toEqual([
      '0 data.corrects: event "fix" is a EventCorrected; expected an event that is not itself a correction',
      '1 data.replacement.negotiation: a correction cannot move an event to another negotiation',
    ]);
  });

  it('given a probe conclusion, then it must name a ProbeLaunched', () => {
    const conclude = (probe: string) => anEvent({ type: 'ProbeConcluded', issue: undefined, data: { probe, finding: 'threat to national security' } });
    const refs = state({ probe: { type: 'ProbeLaunched', negotiation: 'nafta-renegotiation' }, offer: { type: 'OfferMade', negotiation: 'nafta-renegotiation' } });
    expect(decideRecordEvents([conclude('probe')], refs)).toHaveLength(1);
    expect(problemsOf(() => decideRecordEvents([conclude('offer')], refs))).toEqual(['0 data.probe: event "offer" is a OfferMade; expected a ProbeLaunched']);
  });
});
