import { ParleyEvent } from '../../events';
import { DomainRuleError } from '../../src/commands/domain-rule.error';
import { checkReferences, referenceStateOf } from '../../src/commands/reference-rules';
import { anEvent } from '../support/event-builders';
import { specification } from '../support/given-when-then';

/** Given recorded events, when a batch is submitted: it is recorded as is, or refused with problems. */
const given = specification((recorded: ParleyEvent[], batch: ParleyEvent[]) => {
  checkReferences(batch, referenceStateOf(recorded));
  return batch;
});
const problems = (expected: string[]) => (error: unknown) => {
  expect(error).toBeInstanceOf(DomainRuleError);
  expect((error as DomainRuleError).problems.map((p) => `${p.index} ${p.path}: ${p.message}`)).toEqual(expected);
};

const offer = (id: string, negotiation = 'nafta-renegotiation') => anEvent({ id, negotiation, party: 'US' });
const counter = (respondsTo: string) =>
  anEvent({ type: 'CounterofferMade', data: { terms: [{ metric: 'regional_value_content', value: 70, unit: 'percent' }], respondsTo } });
const round = (id: string) => anEvent({ id, type: 'RoundHeld', issue: undefined, party: undefined, data: { round: '7', location: 'Mexico City' } });
const retract = (id: string, target: string) => anEvent({ id, type: 'EventRetracted', issue: undefined, party: undefined, data: { retracts: target, reason: 'wrong' } });
const correction = (id: string, target: string, negotiation = 'nafta-renegotiation') =>
  anEvent({ id, type: 'EventCorrected', issue: undefined, party: undefined, data: { corrects: target, replacement: { type: 'StatementIssued', negotiation, occurredAt: '2018', data: { speaker: 'x', quote: 'y' } } } });
const probe = (id: string) => anEvent({ id, type: 'ProbeLaunched', issue: undefined, party: 'US', data: { authority: 'Section 232', subject: 'cars' } });
const conclude = (target: string) => anEvent({ type: 'ProbeConcluded', issue: undefined, party: 'US', data: { probe: target, finding: 'threat to national security' } });

describe('the reference rules of RecordEvents', () => {
  it('given a recorded US offer, when MX counters it, then the batch is recorded as is', () => {
    const batch = [counter('us-75')];
    given([offer('us-75')]).when(batch).then(batch);
  });

  it('given nothing recorded, when a counteroffer responds to an unknown id, then it is refused naming data.respondsTo', () => {
    given([]).when([counter('ghost')]).thenRefuses(problems(['0 data.respondsTo: no event "ghost" is stored or earlier in this batch']));
  });

  it('given nothing recorded, when the offer comes earlier in the same batch, then its counter is accepted', () => {
    const batch = [offer('us-75'), counter('us-75')];
    given([]).when(batch).then(batch);
  });

  it('given targets in another negotiation or of the wrong type, when countered, then each is refused with the reason', () => {
    given([offer('other', 'steel-talks'), round('round')])
      .when([counter('other'), counter('round')])
      .thenRefuses(
        problems([
          '0 data.respondsTo: event "other" belongs to negotiation "steel-talks", not "nafta-renegotiation"',
          '1 data.respondsTo: event "round" is a RoundHeld; expected a demand, offer or counteroffer',
        ]),
      );
  });

  it('given a recorded retraction, when the event is retracted again (or twice in the batch), then it is refused', () => {
    const history = [offer('a'), offer('b'), retract('r0', 'a')];
    given(history).when([retract('r1', 'a')]).thenRefuses(problems(['0 data.retracts: event "a" has been retracted']));
    given(history).when([retract('r2', 'b'), retract('r3', 'b')]).thenRefuses(problems(['1 data.retracts: event "b" has been retracted']));
  });

  it('given a recorded correction, when a correction targets it or moves an event to another negotiation, then it is refused', () => {
    given([offer('a'), correction('fix', 'a')])
      .when([correction('c1', 'fix'), correction('c2', 'a', 'steel-talks')])
      .thenRefuses(
        problems([
          '0 data.corrects: event "fix" is a EventCorrected; expected an event that is not itself a correction',
          '1 data.replacement.negotiation: a correction cannot move an event to another negotiation',
        ]),
      );
  });

  it('given a launched probe and an offer, when a conclusion names each, then only the probe may be concluded', () => {
    const ok = [conclude('probe')];
    given([probe('probe'), offer('offer')]).when(ok).then(ok);
    given([probe('probe'), offer('offer')]).when([conclude('offer')]).thenRefuses(problems(['0 data.probe: event "offer" is a OfferMade; expected a ProbeLaunched']));
  });
});
