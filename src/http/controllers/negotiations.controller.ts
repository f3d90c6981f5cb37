import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { slugSchema } from '../../../events';
import { DiffIssue, ReplayIssue } from '../../queries/issue-replay.query';
import { GetIssueState } from '../../queries/issue-state.query';
import { GetNegotiationOverview, ListNegotiations } from '../../queries/negotiation-overview.query';
import { asOfSchema, fromDaySchema, knownAtSchema, pointInTimeParams } from '../../queries/query-params';
import { parseQuery } from '../parse-query';
import { pathParam } from '../path-param';
import { CsvExport } from '../../exports/csv-export.interceptor';
import { diffCsv, issueStateCsv, replayCsv } from '../../exports/answer-csv';

export const replayQuery = { from: fromDaySchema.optional(), to: asOfSchema.optional(), knownAt: knownAtSchema.optional() };
export const diffQuery = { from: asOfSchema, to: asOfSchema, knownAt: knownAtSchema.optional() };

@Controller('negotiations')
export class NegotiationsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  async list() {
    return { negotiations: await this.queryBus.execute(new ListNegotiations()) };
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
    const q = parseQuery(replayQuery, query);
    return this.queryBus.execute(new ReplayIssue({ ...this.issueRef(negotiation, issue), ...q }));
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
