import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { tariffsInForce } from '../../projections';
import { Clock, CLOCK } from '../clock/clock';
import { HistoryCache } from './history-cache';
import { measuresSlice } from './history-slice';
import { resolvePointInTime } from './point-in-time';
import { GetTariffsInForce } from './tariffs-in-force.query';

@QueryHandler(GetTariffsInForce)
export class GetTariffsInForceHandler implements IQueryHandler<GetTariffsInForce> {
  constructor(
    private readonly cache: HistoryCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ q }: GetTariffsInForce) {
    const { asOf, knownAt } = resolvePointInTime(this.clock, q);
    const history = await this.cache.history(measuresSlice());
    return tariffsInForce(history.known(knownAt), { asOf, knownAt, target: q.target });
  }
}
