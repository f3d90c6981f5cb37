import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { Clock, CLOCK } from '../clock/clock';
import { NO_QUERY, parseQuery } from '../http/parse-query';
import { WriteAuthGuard } from '../http/write-auth.guard';
import { nextIfPaged } from '../queries/keyset-page';
import { positionSchema } from '../queries/query-params';
import { EVENT_STORE, EventStore } from '../store/event-store.port';
import { WebhookDispatcher } from './webhook-dispatcher';
import { deadLettersQuery, pageOfDeadLetters, pageOfWebhooks, webhooksQuery } from './webhook-pages';
import { registerWebhook, replayWebhook, viewOf, webhookOrThrow } from './webhook-registration';
import { WebhookRegistry } from './webhook-registry';
import { WEBHOOK_REGISTRY } from './webhook-registry.provider';

export const replayBody = z.strictObject({ fromPosition: z.union([positionSchema, z.number().int().nonnegative().transform((v) => BigInt(v))]) });

/** Webhook URLs and dead letters are private to whoever holds the token: every route needs it when one is set. */
@Controller('webhooks')
@UseGuards(WriteAuthGuard)
export class WebhooksController {
  constructor(
    @Inject(WEBHOOK_REGISTRY) private readonly registry: WebhookRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  @Post()
  @HttpCode(201)
  async add(@Body() body: unknown, @Query() query: unknown) {
    parseQuery(NO_QUERY, query);
    const view = await registerWebhook(this.registry, this.store, this.clock, body);
    await this.dispatcher.tick();
    return view;
  }

  @Get()
  list(@Query() query: unknown) {
    const q = parseQuery(webhooksQuery, query);
    const page = pageOfWebhooks(this.registry, { limit: q.limit, after: q.cursor });
    return { webhooks: page.items, ...nextIfPaged(q, page) };
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return viewOf(this.registry, webhookOrThrow(this.registry, id));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Query() query: unknown) {
    parseQuery(NO_QUERY, query);
    webhookOrThrow(this.registry, id);
    this.registry.remove(id);
    await this.dispatcher.tick();
  }

  @Get(':id/dead-letters')
  deadLetters(@Param('id') id: string, @Query() query: unknown) {
    const q = parseQuery(deadLettersQuery, query);
    webhookOrThrow(this.registry, id);
    const page = pageOfDeadLetters(this.registry, id, { limit: q.limit, after: q.cursor });
    return { deadLetters: page.items, ...nextIfPaged(q, page) };
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id') id: string, @Body() body: unknown, @Query() query: unknown) {
    parseQuery(NO_QUERY, query);
    const { fromPosition } = replayBody.parse(body);
    const view = replayWebhook(this.registry, id, fromPosition);
    this.dispatcher.wakeAll();
    return view;
  }
}
