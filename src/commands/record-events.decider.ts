import { EventProblem, EventType, ParleyEvent } from '../../events';
import { DomainRuleError } from './domain-rule.error';

/** What the decision needs to know about events a batch refers to. */
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

/**
 * Decides whether a batch may be recorded: every reference names an event of a fitting type in the
 * same negotiation (stored, or earlier in the batch), corrections stay in their negotiation, and
 * nothing is retracted twice. Pure: the caller gathers the state.
 */
export const decideRecordEvents = (batch: readonly ParleyEvent[], state: ReferenceState): ParleyEvent[] => {
  const problems: EventProblem[] = [];
  const earlier = new Map<string, { type: EventType; negotiation: string }>();
  const retracted = new Set(state.retracted);
  batch.forEach((event, index) => {
    for (const ref of referencesOf(event)) {
      const target = earlier.get(ref.id) ?? state.referenced.get(ref.id);
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
    if (event.type === 'EventRetracted') retracted.add(event.data.retracts);
    earlier.set(event.id, { type: event.type, negotiation: event.negotiation });
  });
  if (problems.length > 0) throw new DomainRuleError(problems);
  return [...batch];
};
