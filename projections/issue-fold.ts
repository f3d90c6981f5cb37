import { EffectiveEvent } from './knowledge';
import { MetricGap } from './metric-gaps';
import { dropTerms, holdTerms } from './position-book';
import { PositionTerm, termEntries } from './position-terms';
import { withEntries } from './records';

export type IssueStatus = 'not_raised' | 'open' | 'agreed';

/** Where one issue of one negotiation stands as of a day, as known at a moment. */
export interface IssueState {
  negotiation: string;
  issue: string;
  asOf: string;
  knownAt: string;
  status: IssueStatus;
  positions: Record<string, Record<string, PositionTerm>>;
  gaps: Record<string, MetricGap>;
  agreed: null | Record<string, PositionTerm>;
  eventCount: number;
  lastEventAt: string | null;
}

export interface IssueQuery {
  negotiation: string;
  issue: string;
  /** YYYY-MM-DD */
  asOf: string;
  knownAt: string;
}

const initial = (negotiation: string, issue: string, asOf: string, knownAt: string): IssueState => ({
  negotiation, issue, asOf, knownAt,
  status: 'not_raised', positions: {}, gaps: {}, agreed: null, eventCount: 0, lastEventAt: null,
});

/** Position events always name their party (the schema requires it); the type cannot say so. */
const partyOf = (event: { party?: string }): string[] => (event.party === undefined ? [] : [event.party]);

const raised = (status: IssueStatus): IssueStatus => (status === 'not_raised' ? 'open' : status);

/**
 * Folds one event (in valid-time order) into the state; events of other negotiations or issues
 * leave it as it is. Pure and immutable: the input state is never changed, and only the maps the
 * event touches are copied. The caller decides which events count (asOf is not checked here).
 */
const evolve = (state: IssueState, { event }: EffectiveEvent): IssueState => {
  if (event.negotiation !== state.negotiation || event.issue !== state.issue) return state;
  const counted = { eventCount: state.eventCount + 1, lastEventAt: event.occurredAt };
  switch (event.type) {
    case 'DemandTabled':
    case 'OfferMade':
    case 'CounterofferMade':
      return { ...state, ...holdTerms(state, partyOf(event), termEntries(event.data.terms, event)), status: 'open', ...counted };
    case 'PositionWithdrawn':
      return { ...state, ...dropTerms(state, event.party ?? '', event.data.metrics), status: raised(state.status), ...counted };
    case 'AgreementReached': {
      const terms = termEntries(event.data.terms, event);
      return {
        ...state,
        ...holdTerms(state, event.data.parties, terms),
        status: 'agreed',
        agreed: withEntries(state.agreed ?? {}, terms),
        ...counted,
      };
    }
    default:
      return { ...state, status: raised(state.status), ...counted };
  }
};

export const issueState = { initial, evolve };

/** The issue as of `asOf`: the fold of its events (valid-time order) that count by then. */
export const issueStateAt = (events: readonly EffectiveEvent[], q: IssueQuery): IssueState => {
  let state = initial(q.negotiation, q.issue, q.asOf, q.knownAt);
  for (const event of events) if (event.countsFrom <= q.asOf) state = evolve(state, event);
  return state;
};
