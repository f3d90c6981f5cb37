import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { negotiationOverview } from '../../projections';
import { Clock, CLOCK } from '../clock/clock';
import { HistoryCache } from './history-cache';
import { negotiationSlice } from './history-slice';
import { NegotiationDirectory } from './negotiation-directory';
import { GetNegotiationOverview, ListNegotiations, NegotiationListing } from './negotiation-overview.query';
import { resolvePointInTime } from './point-in-time';

@QueryHandler(GetNegotiationOverview)
export class GetNegotiationOverviewHandler implements IQueryHandler<GetNegotiationOverview> {
  constructor(
    private readonly directory: NegotiationDirectory,
    private readonly cache: HistoryCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ q }: GetNegotiationOverview) {
    await this.directory.requireNegotiation(q.negotiation);
    const { asOf, knownAt } = resolvePointInTime(this.clock, q);
    const history = await this.cache.history(negotiationSlice(q.negotiation));
    return negotiationOverview(history.known(knownAt), { negotiation: q.negotiation, asOf, knownAt });
  }
}

@QueryHandler(ListNegotiations)
export class ListNegotiationsHandler implements IQueryHandler<ListNegotiations> {
  constructor(
    private readonly directory: NegotiationDirectory,
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<NegotiationListing[]> {
    // Far in the future: the listing describes everything known, not one day's state.
    const asOf = '9999-12-31';
    return Promise.all(
      (await this.directory.negotiations()).map(async (negotiation) => {
        const overview = await this.queryBus.execute(new GetNegotiationOverview({ negotiation, asOf }));
        return {
          negotiation,
          title: overview.title,
          agreement: overview.agreement,
          parties: overview.parties,
          issues: overview.issues.map((i) => i.issue),
          eventCount: overview.eventCount,
        };
      }),
    );
  }
}
