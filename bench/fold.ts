import { countsFrom, StoredEvent } from '../events';
import { EffectiveEvent, issueState, IssueState } from '../projections';

/**
 * Scenario 3's fold, streamed: every event goes once through the issue-state projection of its
 * (negotiation, issue) — the same `issueState.evolve` that GetIssueState uses — with the event placed
 * in valid time (`countsFrom`). Projections that need the whole known log at once
 * (`resolveKnowledge`'s corrections, `tariffsInForce`) are query-time folds over one issue or
 * negotiation, not part of a streamed replay of the global log.
 */
export const projectionFold = () => {
  const states = new Map<string, IssueState>();
  let events = 0;
  return {
    apply(stored: StoredEvent): void {
      events++;
      if (stored.issue === undefined) return;
      const key = `${stored.negotiation}\u0000${stored.issue}`;
      // A stored event is its body plus the store's fields: evolve reads the body's fields only.
      const effective: EffectiveEvent = { event: stored, position: stored.position, recordedAt: stored.recordedAt, countsFrom: countsFrom(stored.occurredAt) };
      const state = states.get(key) ?? issueState.initial(stored.negotiation, stored.issue, '9999-12-31', stored.recordedAt);
      states.set(key, issueState.evolve(state, effective));
    },
    result: () => ({ events, issues: states.size }),
  };
};

/** The baselines' trivial fold: events per (negotiation, issue). */
export const trivialFold = () => {
  const counts = new Map<string, number>();
  let events = 0;
  return {
    apply(event: { negotiation: string; issue?: string }): void {
      events++;
      const key = `${event.negotiation}\u0000${event.issue ?? ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    result: () => ({ events, issues: counts.size }),
  };
};
