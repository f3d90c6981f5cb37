import { Controller, Get, Headers, Inject, Logger, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EventType } from '../../events';
import { parseQuery } from '../http/parse-query';
import { EVENT_STORE, EventStore } from '../store/event-store.port';
import { streamEvents } from './event-stream';
import { NamedCheckpoint } from './named-checkpoint';
import { OpenStreams } from './open-streams.registry';
import { resolveStart } from './start-position';
import { eventStreamParams, parseLastEventId } from './stream-params';
import { SUBSCRIPTION_LIMITS, SubscriptionLimits } from './subscription-limits';

@Controller('subscriptions')
export class EventStreamController {
  private readonly logger = new Logger('Subscriptions');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBSCRIPTION_LIMITS) private readonly limits: SubscriptionLimits,
    private readonly streams: OpenStreams,
  ) {}

  /** Server-Sent Events: matching events from a position (or live), then as they are recorded. */
  @Get('events')
  async events(@Query() query: unknown, @Headers('last-event-id') lastEventIdHeader: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const q = parseQuery(eventStreamParams, query);
    const lastEventId = parseLastEventId(lastEventIdHeader);
    const filter = { negotiation: q.negotiation, issue: q.issue, party: q.party, types: q.type as EventType[] | undefined };
    const named = q.name
      ? await NamedCheckpoint.open(this.store, q.name, this.limits.checkpointEveryMs, (error) =>
          this.logger.error(`checkpoint "${q.name}" not stored: ${String(error)}`),
        )
      : undefined;
    const { after } = await resolveStart(this.store, { lastEventId, checkpoint: named?.position, fromPosition: q.fromPosition });
    // A new name is bookmarked where it starts, so a restart resumes there even if nothing matched yet.
    if (named && named.position === undefined) await this.store.storeCheckpoint(named.checkpoint.name, after);
    const stream = this.streams.open(reply, after);
    streamEvents(this.store, stream, { filter, after, checkpoint: named?.checkpoint });
  }
}
