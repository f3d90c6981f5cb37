import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { deadlinesAhead } from '../../projections';
import { Clock, CLOCK } from '../clock/clock';
import { DeadlinesAnswer, GetDeadlines } from './deadlines.query';
import { HistoryCache } from './history-cache';
import { deadlinesSlice } from './history-slice';
import { NegotiationDirectory } from './negotiation-directory';
import { resolvePointInTime } from './point-in-time';

@QueryHandler(GetDeadlines)
export class GetDeadlinesHandler implements IQueryHandler<GetDeadlines> {
  constructor(
    private readonly directory: NegotiationDirectory,
    private readonly cache: HistoryCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ q }: GetDeadlines): Promise<DeadlinesAnswer> {
    if (q.negotiation !== undefined) await this.directory.requireNegotiation(q.negotiation);
    const { asOf, knownAt } = resolvePointInTime(this.clock, q);
    const history = await this.cache.history(deadlinesSlice());
    const deadlines = deadlinesAhead(history.known(knownAt), asOf).filter((d) => q.negotiation === undefined || d.negotiation === q.negotiation);
    return { asOf, knownAt, deadlines };
  }
}
