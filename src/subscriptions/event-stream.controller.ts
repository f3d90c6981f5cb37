import { Controller, Get, Headers, Inject, Logger, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EventType } from '../../events';
import { PARLEY_CONFIG, ParleyConfig } from '../config/parley-config';
import { parseQuery } from '../http/parse-query';
import { hasWriteToken, UnauthorizedError } from '../http/write-auth.guard';
import { EVENT_STORE, EventStore } from '../store/event-store.port';
import { streamEvents } from './event-stream';
import { NamedCheckpoint } from './named-checkpoint';
import { OpenStreams } from './open-streams.registry';
import { assertNotBeyondHead, resolveStart, StartedFrom } from './start-position';
import { CheckpointLimitError, SubscriptionNameInUseError } from './subscription-errors';
import { eventStreamParams, parseLastEventId } from './stream-params';
import { SUBSCRIPTION_LIMITS, SubscriptionLimits } from './subscription-limits';

const START_FIELD: Record<StartedFrom, string> = {
  'last-event-id': 'Last-Event-ID',
  checkpoint: 'checkpoint',
  'from-position': 'fromPosition',
  live: 'fromPosition',
};

@Controller('subscriptions')
export class EventStreamController {
  private readonly logger = new Logger('Subscriptions');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBSCRIPTION_LIMITS) private readonly limits: SubscriptionLimits,
    @Inject(PARLEY_CONFIG) private readonly config: ParleyConfig,
    private readonly streams: OpenStreams,
  ) {}

  /** Server-Sent Events: matching events from a position (or live), then as they are recorded. */
  @Get('events')
  async events(
    @Query() query: unknown,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const q = parseQuery(eventStreamParams, query);
    const lastEventId = parseLastEventId(lastEventIdHeader);
    const filter = { negotiation: q.negotiation, issue: q.issue, party: q.party, types: q.type as EventType[] | undefined };
    if (q.name === undefined) {
      const { after, from } = await resolveStart(this.store, { lastEventId, fromPosition: q.fromPosition });
      await assertNotBeyondHead(this.store, after, START_FIELD[from]);
      streamEvents(this.store, this.streams.open(reply, after), { filter, after });
      return;
    }
    const name = q.name;
    this.admitNamed(name, authorization);
    const release = this.streams.reserveName(name);
    try {
      const named = await NamedCheckpoint.open(this.store, name, this.limits.checkpointEveryMs, (error) =>
        this.logger.error(`checkpoint "${name}" not stored: ${String(error)}`),
      );
      if (named.position === undefined && this.store.countCheckpoints && (await this.store.countCheckpoints()) >= this.limits.maxCheckpoints) {
        throw new CheckpointLimitError(this.limits.maxCheckpoints);
      }
      const { after, from } = await resolveStart(this.store, { lastEventId, checkpoint: named.position, fromPosition: q.fromPosition });
      await assertNotBeyondHead(this.store, after, START_FIELD[from]);
      // A new name is bookmarked where it starts, so a restart resumes there even if nothing matched yet.
      if (named.position === undefined) await this.store.storeCheckpoint(name, after);
      const stream = this.streams.open(reply, after);
      stream.onEnd(release);
      streamEvents(this.store, stream, { filter, after, checkpoint: named.checkpoint });
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * A named subscription writes its checkpoint, so it is a write: it needs the token when one is
   * set; one connection at a time per name on this server; and a bounded number of names.
   */
  private admitNamed(name: string, authorization: string | undefined): void {
    if (!hasWriteToken(this.config, authorization)) throw new UnauthorizedError('named subscriptions (?name=, which store a checkpoint)');
    if (this.streams.holdsName(name)) throw new SubscriptionNameInUseError(name);
  }
}
