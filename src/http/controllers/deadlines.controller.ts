import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { slugSchema } from '../../../events';
import { GetDeadlines } from '../../queries/deadlines.query';
import { asOfSchema, knownAtSchema } from '../../queries/query-params';
import { parseQuery } from '../parse-query';

export const deadlinesQuery = { asOf: asOfSchema.optional(), knownAt: knownAtSchema.optional(), negotiation: slugSchema.optional() };

@Controller()
export class DeadlinesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('deadlines')
  async deadlines(@Query() query: unknown) {
    return this.queryBus.execute(new GetDeadlines(parseQuery(deadlinesQuery, query)));
  }
}
