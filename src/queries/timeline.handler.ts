import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { atLeastAsConfident, compareValidTime, KnowledgeNote, knowledgeNotes, timeline, timelineRow, TimelineRow } from '../../projections';
import { Clock, CLOCK } from '../clock/clock';
import { HistoryCache } from './history-cache';
import { HistorySlice, issueSlice, negotiationSlice } from './history-slice';
import { NegotiationDirectory } from './negotiation-directory';
import { resolvePointInTime } from './point-in-time';
import { pageOfTimeline } from './timeline-page';
import { GetTimeline } from './timeline.query';

@QueryHandler(GetTimeline)
export class GetTimelineHandler implements IQueryHandler<GetTimeline> {
  constructor(
    private readonly directory: NegotiationDirectory,
    private readonly cache: HistoryCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ q }: GetTimeline) {
    const { knownAt } = resolvePointInTime(this.clock, q);
    const negotiations = q.negotiation !== undefined ? [q.negotiation] : await this.directory.negotiations();
    if (q.negotiation !== undefined) await this.directory.requireNegotiation(q.negotiation);
    const entries: TimelineRow[] = [];
    const knowledge: KnowledgeNote[] = [];
    const latest = this.clock.now().toISOString();
    for (const negotiation of negotiations) {
      const slice: HistorySlice = q.issue !== undefined ? issueSlice(negotiation, q.issue) : negotiationSlice(negotiation);
      const history = await this.cache.history(slice);
      entries.push(...timeline(atLeastAsConfident(history.known(knownAt), q.minConfidence), { ...q, negotiation }).map(timelineRow));
      knowledge.push(...knowledgeNotes(history.stored(), knownAt, latest > knownAt ? latest : knownAt));
    }
    if (negotiations.length > 1) entries.sort(compareValidTime);
    return { knownAt, ...pageOfTimeline(entries, q), knowledge };
  }
}
