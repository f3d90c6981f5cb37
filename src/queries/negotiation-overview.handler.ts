import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventOfType } from '../../events';
import { answerNegotiation, atLeastAsConfident, NegotiationAnswer, NegotiationListing, negotiationOverview } from '../../projections';
import { Clock, CLOCK } from '../clock/clock';
import { HistoryCache } from './history-cache';
import { launchesSlice, negotiationSlice } from './history-slice';
import { NegotiationDirectory } from './negotiation-directory';
import { Page, pageAfter } from './keyset-page';
import { byNegotiationName, GetNegotiationOverview, ListNegotiations, negotiationsCursor } from './negotiation-overview.query';
import { resolvePointInTime } from './point-in-time';

@QueryHandler(GetNegotiationOverview)
export class GetNegotiationOverviewHandler implements IQueryHandler<GetNegotiationOverview> {
  constructor(
    private readonly directory: NegotiationDirectory,
    private readonly cache: HistoryCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ q }: GetNegotiationOverview): Promise<NegotiationAnswer> {
    await this.directory.requireNegotiation(q.negotiation);
    const { asOf, knownAt } = resolvePointInTime(this.clock, q);
    const history = await this.cache.history(negotiationSlice(q.negotiation));
    const events = atLeastAsConfident(history.known(knownAt), q.minConfidence);
    return answerNegotiation(negotiationOverview(events, { negotiation: q.negotiation, asOf, knownAt }), events, q.minConfidence ?? null);
  }
}

@QueryHandler(ListNegotiations)
export class ListNegotiationsHandler implements IQueryHandler<ListNegotiations> {
  constructor(
    private readonly directory: NegotiationDirectory,
    private readonly cache: HistoryCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** From the directory and the launch events only: listing negotiations never reads their histories. */
  async execute({ page }: ListNegotiations): Promise<Page<NegotiationListing>> {
    const names = pageAfter(await this.directory.negotiations(), page, byNegotiationName, negotiationsCursor);
    const { knownAt } = resolvePointInTime(this.clock, {});
    const launches = new Map<string, EventOfType<'NegotiationLaunched'>['data']>();
    for (const { event } of (await this.cache.history(launchesSlice())).known(knownAt)) {
      if (event.type === 'NegotiationLaunched') launches.set(event.negotiation, event.data);
    }
    const items = await Promise.all(
      names.items.map(async (negotiation) => {
        const launch = launches.get(negotiation);
        return {
          negotiation,
          title: launch?.title ?? null,
          agreement: launch?.agreement ?? null,
          parties: [...(launch?.parties ?? [])].sort(),
          issues: await this.directory.issuesOf(negotiation),
          eventCount: await this.directory.eventCount(negotiation),
        };
      }),
    );
    return { items, next: names.next };
  }
}
