import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { answerTariffs, atLeastAsConfident, TariffsAnswer, tariffsInForce } from '../../projections';
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

  async execute({ q }: GetTariffsInForce): Promise<TariffsAnswer> {
    const { asOf, knownAt } = resolvePointInTime(this.clock, q);
    const history = await this.cache.history(measuresSlice());
    const events = atLeastAsConfident(history.known(knownAt), q.minConfidence);
    return answerTariffs(tariffsInForce(events, { asOf, knownAt, target: q.target }), events, { target: q.target, minConfidence: q.minConfidence });
  }
}
