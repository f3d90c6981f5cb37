import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { slugSchema } from '../../../events';
import { DiffIssue, replayCursor, ReplayIssue } from '../../queries/issue-replay.query';
import { GetIssueState } from '../../queries/issue-state.query';
import { cursorParam, nextIfPaged } from '../../queries/keyset-page';
import { GetNegotiationOverview, ListNegotiations, negotiationsCursor } from '../../queries/negotiation-overview.query';
import { asOfSchema, fromDaySchema, knownAtSchema, limitSchema, pointInTimeParams } from '../../queries/query-params';
import { parseQuery } from '../parse-query';
import { pathParam } from '../path-param';
import { CsvExport } from '../../exports/csv-export';
import { diffCsv, issueStateCsv, replayCsv } from '../../exports/answer-csv';

export const replayQuery = {
  from: fromDaySchema.optional(),
  to: asOfSchema.optional(),
  knownAt: knownAtSchema.optional(),
  limit: limitSchema.optional(),
  cursor: cursorParam(replayCursor, "this issue's replay").optional(),
};
export const negotiationsQuery = { limit: limitSchema.optional(), cursor: cursorParam(negotiationsCursor, 'the negotiation list').optional() };
export const diffQuery = { from: asOfSchema, to: asOfSchema, knownAt: knownAtSchema.optional() };

@Controller('negotiations')
export class NegotiationsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  async list(@Query() query: unknown) {
    const q = parseQuery(negotiationsQuery, query);
    const page = await this.queryBus.execute(new ListNegotiations({ limit: q.limit, after: q.cursor }));
    return { negotiations: page.items, ...nextIfPaged(q, page) };
  }

  @Get(':negotiation')
  async overview(@Param('negotiation') negotiation: string, @Query() query: unknown) {
    return this.queryBus.execute(new GetNegotiationOverview({ negotiation: pathParam('negotiation', slugSchema, negotiation), ...parseQuery(pointInTimeParams, query) }));
  }

  @Get(':negotiation/issues/:issue')
  @CsvExport(issueStateCsv)
  async issueState(@Param('negotiation') negotiation: string, @Param('issue') issue: string, @Query() query: unknown) {
    return this.queryBus.execute(new GetIssueState({ ...this.issueRef(negotiation, issue), ...parseQuery(pointInTimeParams, query) }));
  }

  @Get(':negotiation/issues/:issue/replay')
  @CsvExport(replayCsv)
  async replay(@Param('negotiation') negotiation: string, @Param('issue') issue: string, @Query() query: unknown) {
    const { cursor, ...q } = parseQuery(replayQuery, query);
    return this.queryBus.execute(new ReplayIssue({ ...this.issueRef(negotiation, issue), ...q, after: cursor }));
  }

  @Get(':negotiation/issues/:issue/diff')
  @CsvExport(diffCsv)
  async diff(@Param('negotiation') negotiation: string, @Param('issue') issue: string, @Query() query: unknown) {
    const q = parseQuery(diffQuery, query);
    return this.queryBus.execute(new DiffIssue({ ...this.issueRef(negotiation, issue), ...q }));
  }

  private issueRef(negotiation: string, issue: string) {
    return { negotiation: pathParam('negotiation', slugSchema, negotiation), issue: pathParam('issue', slugSchema, issue) };
  }
}
