import { EffectiveEvent } from './knowledge';
import { MetricGap } from './metric-gaps';
import { dropTerms, holdTerms, PositionBook } from './position-book';
import { PositionTerm, termsByMetric } from './position-terms';
import { EMPTY, withEntries } from './records';

import { IssueStatus, statusAfter } from './issue-status';

export type { IssueStatus } from './issue-status';

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

/** The state after one more event of the issue: one new object, sharing every untouched map. */
const next = (state: IssueState, asOf: string, event: EffectiveEvent['event'], book: PositionBook, agreed: IssueState['agreed']): IssueState => ({
  negotiation: state.negotiation,
  issue: state.issue,
  asOf,
  knownAt: state.knownAt,
  status: statusAfter(state.status, event.type),
  positions: book.positions as IssueState['positions'],
  gaps: book.gaps as IssueState['gaps'],
  agreed,
  eventCount: state.eventCount + 1,
  lastEventAt: event.occurredAt,
});

/** evolve, with the new state answering as of `asOf` (a replay's step is asOf its event's day). */
export const evolveAsOf = (state: IssueState, { event }: EffectiveEvent, asOf: string): IssueState => {
  if (event.negotiation !== state.negotiation || event.issue !== state.issue) return state;
  switch (event.type) {
    case 'DemandTabled':
    case 'OfferMade':
    case 'CounterofferMade':
      return next(state, asOf, event, holdTerms(state, partyOf(event), termsByMetric(event.data.terms, event)), state.agreed);
    case 'PositionWithdrawn':
      return next(state, asOf, event, dropTerms(state, event.party ?? '', event.data.metrics), state.agreed);
    case 'AgreementReached': {
      const terms = termsByMetric(event.data.terms, event);
      return next(state, asOf, event, holdTerms(state, event.data.parties, terms), withEntries(state.agreed ?? EMPTY, terms));
    }
    default:
      return next(state, asOf, event, state, state.agreed);
  }
};

/**
 * Folds one event (in valid-time order) into the state; events of other negotiations or issues
 * leave it as it is. Pure and immutable: the input state is never changed, and only the maps the
 * event touches are copied. The caller decides which events count (asOf is not checked here).
 */
const evolve = (state: IssueState, event: EffectiveEvent): IssueState => evolveAsOf(state, event, state.asOf);

export const issueState = { initial, evolve };

/** The issue as of `asOf`: the fold of its events (valid-time order) that count by then. */
export const issueStateAt = (events: readonly EffectiveEvent[], q: IssueQuery): IssueState => {
  let state = initial(q.negotiation, q.issue, q.asOf, q.knownAt);
  for (const event of events) if (event.countsFrom <= q.asOf) state = evolve(state, event);
  return state;
};
