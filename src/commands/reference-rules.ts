import { EventProblem, EventType, ParleyEvent } from '../../events';
import { DomainRuleError } from './domain-rule.error';

/**
 * The write side's one rule set: events refer to events (a counteroffer responds to an offer, a
 * correction corrects, a conclusion concludes a probe), and a batch may only refer to events that
 * exist, fit and are not retracted. This is a check, not an Emmett decider: RecordEvents records the
 * batch it is given or nothing, so there is no decide step producing other events — what a decider's
 * evolve does is `noteRecorded`, folding recorded events into the state the check reads.
 */

/** What the check needs to know about the events a batch refers to. */
export interface ReferenceState {
  /** Stored events the batch names (respondsTo, corrects, retracts, probe), by id; absent = unknown. */
  referenced: ReadonlyMap<string, { type: EventType; negotiation: string }>;
  /** Ids already retracted in the store. */
  retracted: ReadonlySet<string>;
}

const POSITIONS: readonly EventType[] = ['DemandTabled', 'OfferMade', 'CounterofferMade'];

interface Reference {
  path: string;
  id: string;
  fits: readonly EventType[] | 'not-a-correction';
  what: string;
}

export const referencesOf = (event: ParleyEvent): Reference[] => {
  switch (event.type) {
    case 'OfferMade':
      return event.data.respondsTo ? [{ path: 'data.respondsTo', id: event.data.respondsTo, fits: POSITIONS, what: 'a demand, offer or counteroffer' }] : [];
    case 'CounterofferMade':
    case 'ProposalRejected':
      return [{ path: 'data.respondsTo', id: event.data.respondsTo, fits: POSITIONS, what: 'a demand, offer or counteroffer' }];
    case 'ProbeConcluded':
      return [{ path: 'data.probe', id: event.data.probe, fits: ['ProbeLaunched'], what: 'a ProbeLaunched' }];
    case 'EventCorrected':
      return [{ path: 'data.corrects', id: event.data.corrects, fits: 'not-a-correction', what: 'an event that is not itself a correction' }];
    case 'EventRetracted':
      return [{ path: 'data.retracts', id: event.data.retracts, fits: 'not-a-correction', what: 'an event that is not itself a correction' }];
    default:
      return [];
  }
};

interface BuildingState {
  referenced: Map<string, { type: EventType; negotiation: string }>;
  retracted: Set<string>;
}

/** What one recorded event adds to the state: itself as a possible target, and what it retracts. */
const noteRecorded = (state: BuildingState, event: Pick<ParleyEvent, 'id' | 'type' | 'negotiation' | 'data'>): void => {
  state.referenced.set(event.id, { type: event.type, negotiation: event.negotiation });
  if (event.type === 'EventRetracted') state.retracted.add((event.data as { retracts: string }).retracts);
};

/** The state as these recorded events leave it (a fold of noteRecorded; order does not matter). */
export const referenceStateOf = (events: Iterable<Pick<ParleyEvent, 'id' | 'type' | 'negotiation' | 'data'>>): ReferenceState => {
  const state: BuildingState = { referenced: new Map(), retracted: new Set() };
  for (const event of events) noteRecorded(state, event);
  return state;
};

/**
 * Checks that a batch may be recorded: every reference names an event of a fitting type in the same
 * negotiation (stored, or earlier in the batch), corrections stay in their negotiation, and nothing
 * is retracted twice. Throws a DomainRuleError naming every problem; pure (the caller gathers the
 * state). Each event is noted into a copy of the state once checked, so later events may refer to it.
 */
export const checkReferences = (batch: readonly ParleyEvent[], stored: ReferenceState): void => {
  const problems: EventProblem[] = [];
  const state: BuildingState = { referenced: new Map(stored.referenced), retracted: new Set(stored.retracted) };
  const retracted = state.retracted;
  batch.forEach((event, index) => {
    for (const ref of referencesOf(event)) {
      const target = state.referenced.get(ref.id);
      const fail = (message: string) => problems.push({ index, path: ref.path, message, value: ref.id });
      if (!target) fail(`no event "${ref.id}" is stored or earlier in this batch`);
      else if (target.negotiation !== event.negotiation) fail(`event "${ref.id}" belongs to negotiation "${target.negotiation}", not "${event.negotiation}"`);
      else if (ref.fits === 'not-a-correction' ? target.type === 'EventCorrected' || target.type === 'EventRetracted' : !ref.fits.includes(target.type))
        fail(`event "${ref.id}" is a ${target.type}; expected ${ref.what}`);
      else if (retracted.has(ref.id)) fail(`event "${ref.id}" has been retracted`);
    }
    if (event.type === 'EventCorrected' && event.data.replacement.negotiation !== event.negotiation) {
      problems.push({ index, path: 'data.replacement.negotiation', message: 'a correction cannot move an event to another negotiation', value: event.data.replacement.negotiation });
    }
    noteRecorded(state, event);
  });
  if (problems.length > 0) throw new DomainRuleError(problems);
};
