import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { EventType, eventIdSchema } from '../../../events';
import { RecordEvents } from '../../commands/record-events.command';
import { GetEvent, ListEvents } from '../../queries/events.query';
import { eventFilterParams, limitSchema, positionSchema } from '../../queries/query-params';
import { toJsonInSlices } from '../json';
import { NO_QUERY, parseQuery } from '../parse-query';
import { pathParam } from '../path-param';
import { WriteRoute } from '../write-auth.guard';

export const batchEnvelope = z.strictObject({
  events: z.array(z.unknown()),
  expectedRevision: z.union([z.number().int().min(0), z.string().regex(/^\d+$/)]).transform((v) => BigInt(v)).optional(),
});

/** A body is one event, an array of events, or `{ events, expectedRevision }`. */
const readBatch = (body: unknown): { inputs: unknown[]; expectedRevision?: bigint } => {
  if (Array.isArray(body)) return { inputs: body };
  if (body !== null && typeof body === 'object' && 'events' in body && !('type' in body)) {
    const { events, expectedRevision } = batchEnvelope.parse(body);
    return { inputs: events, expectedRevision };
  }
  return { inputs: [body] };
};

export const listQuery = { ...eventFilterParams, fromPosition: positionSchema.optional(), limit: limitSchema.default(100) };

@Controller('events')
export class EventsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @WriteRoute()
  async record(@Body() body: unknown, @Query() query: unknown) {
    parseQuery(NO_QUERY, query);
    const { inputs, expectedRevision } = readBatch(body);
    const { appended, duplicates, firstPosition, lastPosition, recorded } = await this.commandBus.execute(new RecordEvents(inputs, { expectedRevision }));
    // Serialised in slices: the answer to a 100 000-event batch lists 100 000 ids and positions.
    return toJsonInSlices({ appended, duplicates, firstPosition, lastPosition, events: recorded });
  }

  @Get()
  async list(@Query() query: unknown) {
    const q = parseQuery(listQuery, query);
    const filter = { negotiation: q.negotiation, issue: q.issue, party: q.party, types: q.type as EventType[] | undefined };
    const { events, next } = await this.queryBus.execute(new ListEvents({ filter, fromPosition: q.fromPosition, limit: q.limit }));
    return { events, next: next === null ? null : next.toString() };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return this.queryBus.execute(new GetEvent(pathParam('id', eventIdSchema, id)));
  }
}
