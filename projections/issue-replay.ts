import { evolveAsOf, issueState, IssueState } from './issue-fold';
import { diffIssueStates, IssueDiff } from './issue-diff';
import { EffectiveEvent } from './knowledge';
import { dayBefore } from './valid-time';

export interface ReplayQuery {
  negotiation: string;
  issue: string;
  /** First day to replay step by step; earlier events are folded silently first. */
  from?: string;
  /** Last day to replay; later events are not replayed. */
  to?: string;
  knownAt: string;
}

export interface ReplayStep {
  event: EffectiveEvent;
  /** The state right after the event, asOf the day the event counts from. */
  state: IssueState;
  /** From the state before the event to `state`. */
  diff: IssueDiff;
}

/**
 * The issue event by event, in valid-time order. The state before the first step is asOf the day
 * before `from` (or before the first event's day), so every diff starts from a true as-of answer.
 */
export const replayIssue = (events: readonly EffectiveEvent[], q: ReplayQuery): ReplayStep[] => {
  const mine = events.filter(
    (e) => e.event.negotiation === q.negotiation && e.event.issue === q.issue && (q.to === undefined || e.countsFrom <= q.to),
  );
  let state = issueState.initial(q.negotiation, q.issue, '', q.knownAt);
  let next = 0;
  if (q.from !== undefined) {
    for (; next < mine.length && mine[next].countsFrom < q.from; next++) state = issueState.evolve(state, mine[next]);
  }
  if (next === mine.length) return [];
  state = { ...state, asOf: dayBefore(q.from ?? mine[next].countsFrom) };
  const steps: ReplayStep[] = [];
  for (const event of mine.slice(next)) {
    const after = evolveAsOf(state, event, event.countsFrom);
    steps.push({ event, state: after, diff: diffIssueStates(state, after) });
    state = after;
  }
  return steps;
};
