import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { diffIssueStates, replayIssue } from '../../projections';
import { Clock, CLOCK } from '../clock/clock';
import { HistoryCache } from './history-cache';
import { issueSlice } from './history-slice';
import { DiffIssue, ReplayAnswer, replayCursor, ReplayIssue, replayStepOrder } from './issue-replay.query';
import { pageAfter } from './keyset-page';
import { GetIssueState } from './issue-state.query';
import { NegotiationDirectory } from './negotiation-directory';
import { resolvePointInTime } from './point-in-time';

@QueryHandler(ReplayIssue)
export class ReplayIssueHandler implements IQueryHandler<ReplayIssue> {
  constructor(
    private readonly directory: NegotiationDirectory,
    private readonly cache: HistoryCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ q }: ReplayIssue): Promise<ReplayAnswer> {
    const { negotiation, issue } = await this.directory.resolveIssue(q.issue, q.negotiation);
    const { knownAt } = resolvePointInTime(this.clock, q);
    const history = await this.cache.history(issueSlice(negotiation, issue));
    const steps = replayIssue(history.known(knownAt), { negotiation, issue, from: q.from, to: q.to, knownAt });
    if (q.limit === undefined && q.after === undefined) return { negotiation, issue, knownAt, steps };
    const page = pageAfter(steps, q, replayStepOrder, replayCursor);
    return { negotiation, issue, knownAt, steps: page.items, next: page.next, firstStep: page.before + 1 };
  }
}

@QueryHandler(DiffIssue)
export class DiffIssueHandler implements IQueryHandler<DiffIssue> {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ q }: DiffIssue) {
    const { knownAt } = resolvePointInTime(this.clock, q);
    const before = await this.queryBus.execute(new GetIssueState({ ...q, asOf: q.from, knownAt }));
    const after = await this.queryBus.execute(new GetIssueState({ ...q, asOf: q.to, knownAt }));
    return { negotiation: before.negotiation, issue: before.issue, knownAt, ...diffIssueStates(before, after) };
  }
}
