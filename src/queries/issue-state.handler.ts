import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { answerIssueState, atLeastAsConfident, IssueAnswer, issueStateAt } from '../../projections';
import { Clock, CLOCK } from '../clock/clock';
import { EventHistory } from './event-history';
import { HistoryCache } from './history-cache';
import { issueSlice } from './history-slice';
import { IssueStateIndex } from './issue-state-index';
import { GetIssueState } from './issue-state.query';
import { NegotiationDirectory } from './negotiation-directory';
import { resolvePointInTime } from './point-in-time';

@QueryHandler(GetIssueState)
export class GetIssueStateHandler implements IQueryHandler<GetIssueState> {
  private readonly indexes = new WeakMap<EventHistory, IssueStateIndex>();

  constructor(
    private readonly directory: NegotiationDirectory,
    private readonly cache: HistoryCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ q }: GetIssueState): Promise<IssueAnswer> {
    // resolveIssue waits for the EventBus to pass the store's head; the history needs no second wait.
    const { negotiation, issue } = await this.directory.resolveIssue(q.issue, q.negotiation);
    const { asOf, knownAt } = resolvePointInTime(this.clock, q);
    const history = await this.cache.history(issueSlice(negotiation, issue), { alreadyCaughtUp: true });
    const known = history.known(knownAt);
    const events = atLeastAsConfident(known, q.minConfidence);
    const minConfidence = q.minConfidence ?? null;
    // The index folds the latest knowledge of every confidence; other views fold from scratch.
    if (!history.isLatest(knownAt) || events !== known) {
      return answerIssueState(issueStateAt(events, { negotiation, issue, asOf, knownAt }), events, minConfidence);
    }
    const index = IssueStateIndex.for(history, negotiation, issue, knownAt, this.indexes.get(history));
    this.indexes.set(history, index);
    return answerIssueState(index.stateAt(asOf, knownAt), history.lookup(knownAt), minConfidence);
  }
}
