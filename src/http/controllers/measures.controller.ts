import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EventType, partySchema, slugSchema } from '../../../events';
import { GetOpenProbes } from '../../queries/open-probes.query';
import { asOfSchema, eventFilterParams, fromDaySchema, knownAtSchema, minConfidenceSchema, pointInTimeParams } from '../../queries/query-params';
import { GetTariffsInForce } from '../../queries/tariffs-in-force.query';
import { GetTimeline } from '../../queries/timeline.query';
import { parseQuery } from '../parse-query';
import { CsvExport } from '../../exports/csv-export.interceptor';
import { probesCsv, tariffsCsv, timelineCsv } from '../../exports/answer-csv';

export const tariffsQuery = { ...pointInTimeParams, target: partySchema.optional() };
export const probesQuery = { ...pointInTimeParams, negotiation: slugSchema.optional() };
export const timelineQuery = { ...eventFilterParams, from: fromDaySchema.optional(), to: asOfSchema.optional(), knownAt: knownAtSchema.optional(), minConfidence: minConfidenceSchema.optional() };

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
    const { type, ...q } = parseQuery(timelineQuery, query);
    return this.queryBus.execute(new GetTimeline({ ...q, types: type as EventType[] | undefined }));
  }
}
