import { QueryBus } from '@nestjs/cqrs';
import { concatMap, defer, distinctUntilChanged, EMPTY, filter, from, interval, map, merge, Observable, skip, startWith, tap } from 'rxjs';
import { isoDay } from '../../events';
import { IssueState } from '../../projections';
import { Clock } from '../clock/clock';
import { toJson } from '../http/json';
import { issueSlice, sliceContains } from '../queries/history-slice';
import { GetIssueState } from '../queries/issue-state.query';
import { EventStore } from '../store/event-store.port';

export interface IssueStateUpdate {
  /** The position of the last event that led to this state. */
  position: bigint;
  state: IssueState;
}

export interface IssueStateFeedDeps {
  store: EventStore;
  queryBus: QueryBus;
  clock: Clock;
  dayCheckMs: number;
}

export interface IssueStateFeedRequest {
  negotiation: string;
  issue: string;
  /** A fixed valid-time day; without it the state is "as of today", moving with the clock. */
  asOf?: string;
}

/** Two states are the same answer when they differ only in `knownAt` (which is always "now"). */
export const stateKey = (state: IssueState): string => toJson({ ...state, knownAt: undefined });

/**
 * The new IssueStates of one issue after `start`: each event of the issue's slice (the issue's own
 * events and the negotiation's corrections), and each change of day when asOf moves with the clock,
 * re-runs GetIssueState; a burst of events costs one query for the latest of them, and only states
 * that differ from the previous one are emitted.
 */
export const issueStateFeed = (deps: IssueStateFeedDeps, request: IssueStateFeedRequest, start: IssueStateUpdate): Observable<IssueStateUpdate> => {
  const slice = issueSlice(request.negotiation, request.issue);
  let latest = start.position;
  const events$ = deps.store.subscribe({ fromPosition: start.position, filter: { negotiation: request.negotiation } }).pipe(
    concatMap((message) => (message.kind === 'event' && sliceContains(slice, message.event) ? [message.event.position] : [])),
  );
  const today = (): string => isoDay(deps.clock.now());
  const days$ =
    request.asOf !== undefined
      ? EMPTY
      : interval(deps.dayCheckMs).pipe(map(today), startWith(today()), distinctUntilChanged(), skip(1), map(() => latest));
  const query = (position: bigint) =>
    from(deps.queryBus.execute(new GetIssueState({ negotiation: request.negotiation, issue: request.issue, asOf: request.asOf }))).pipe(
      map((state) => ({ position, state })),
    );
  let lastKey = stateKey(start.state);
  return merge(events$, days$).pipe(
    tap((position) => (latest = position > latest ? position : latest)),
    // Triggers that queued up behind a running query are skipped in favour of the latest one.
    concatMap((position) => (position < latest ? EMPTY : defer(() => query(position)))),
    filter((update) => {
      const key = stateKey(update.state);
      if (key === lastKey) return false;
      lastKey = key;
      return true;
    }),
  );
};
