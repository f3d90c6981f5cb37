import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EventType, partySchema, slugSchema } from '../../../events';
import { GetOpenProbes } from '../../queries/open-probes.query';
import { asOfSchema, eventFilterParams, fromDaySchema, knownAtSchema, limitSchema, minConfidenceSchema, pointInTimeParams } from '../../queries/query-params';
import { cursorParam } from '../../queries/keyset-page';
import { timelineCursor } from '../../queries/timeline-page';
import { GetTariffsInForce } from '../../queries/tariffs-in-force.query';
import { GetTimeline } from '../../queries/timeline.query';
import { parseQuery } from '../parse-query';
import { CsvExport } from '../../exports/csv-export';
import { probesCsv, tariffsCsv, timelineCsv } from '../../exports/answer-csv';

export const tariffsQuery = { ...pointInTimeParams, target: partySchema.optional() };
export const probesQuery = { ...pointInTimeParams, negotiation: slugSchema.optional() };
export const timelineQuery = {
  ...eventFilterParams,
  from: fromDaySchema.optional(),
  to: asOfSchema.optional(),
  knownAt: knownAtSchema.optional(),
  minConfidence: minConfidenceSchema.optional(),
  limit: limitSchema.optional(),
  cursor: cursorParam(timelineCursor, 'this timeline').optional(),
};

@Controller()
export class MeasuresController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('tariffs')
  @CsvExport(tariffsCsv)
  async tariffs(@Query() query: unknown) {
    return this.queryBus.execute(new GetTariffsInForce(parseQuery(tariffsQuery, query)));
  }

  @Get('probes')
  @CsvExport(probesCsv)
  async probes(@Query() query: unknown) {
    return this.queryBus.execute(new GetOpenProbes(parseQuery(probesQuery, query)));
  }

  @Get('timeline')
  @CsvExport(timelineCsv)
  async timeline(@Query() query: unknown) {
    const { type, cursor, ...q } = parseQuery(timelineQuery, query);
    return this.queryBus.execute(new GetTimeline({ ...q, after: cursor, types: type as EventType[] | undefined }));
  }
}
