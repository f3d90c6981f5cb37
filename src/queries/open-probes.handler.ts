import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { openProbes } from '../../projections';
import { Clock, CLOCK } from '../clock/clock';
import { HistoryCache } from './history-cache';
import { measuresSlice } from './history-slice';
import { NegotiationDirectory } from './negotiation-directory';
import { GetOpenProbes } from './open-probes.query';
import { resolvePointInTime } from './point-in-time';

@QueryHandler(GetOpenProbes)
export class GetOpenProbesHandler implements IQueryHandler<GetOpenProbes> {
  constructor(
    private readonly cache: HistoryCache,
    private readonly directory: NegotiationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ q }: GetOpenProbes) {
    if (q.negotiation !== undefined) await this.directory.requireNegotiation(q.negotiation);
    const { asOf, knownAt } = resolvePointInTime(this.clock, q);
    const history = await this.cache.history(measuresSlice());
    return openProbes(history.known(knownAt), { asOf, knownAt, negotiation: q.negotiation });
  }
}
