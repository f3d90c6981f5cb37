import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { answerProbes, atLeastAsConfident, openProbes, ProbesAnswer } from '../../projections';
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

  async execute({ q }: GetOpenProbes): Promise<ProbesAnswer> {
    if (q.negotiation !== undefined) await this.directory.requireNegotiation(q.negotiation);
    const { asOf, knownAt } = resolvePointInTime(this.clock, q);
    const history = await this.cache.history(measuresSlice());
    const events = atLeastAsConfident(history.known(knownAt), q.minConfidence);
    return answerProbes(openProbes(events, { asOf, knownAt, negotiation: q.negotiation }), events, q);
  }
}
