import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { slugSchema } from '../../events';
import { Clock, CLOCK } from '../clock/clock';
import { toJson } from '../http/json';
import { parseQuery } from '../http/parse-query';
import { pathParam } from '../http/path-param';
import { GetIssueState } from '../queries/issue-state.query';
import { EVENT_STORE, EventStore } from '../store/event-store.port';
import { issueStateFeed, IssueStateUpdate } from './issue-state-feed';
import { OpenStreams } from './open-streams.registry';
import { issueStateStreamParams } from './stream-params';
import { SUBSCRIPTION_LIMITS, SubscriptionLimits } from './subscription-limits';

@Controller('subscriptions')
export class IssueStateStreamController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SUBSCRIPTION_LIMITS) private readonly limits: SubscriptionLimits,
    private readonly queryBus: QueryBus,
    private readonly streams: OpenStreams,
  ) {}

  /** Server-Sent Events: the issue's current state, then each new state as events change it. */
  @Get('negotiations/:negotiation/issues/:issue/state')
  async state(@Param('negotiation') negotiation: string, @Param('issue') issue: string, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const request = { negotiation: pathParam('negotiation', slugSchema, negotiation), issue: pathParam('issue', slugSchema, issue), ...parseQuery(issueStateStreamParams, query) };
    const position = await this.store.headPosition();
    // Unknown negotiation or issue: the usual 404 before the stream starts.
    const initial: IssueStateUpdate = { position, state: await this.queryBus.execute(new GetIssueState(request)) };
    const stream = this.streams.open(reply, position);
    const send = ({ position: at, state }: IssueStateUpdate) => stream.send({ id: at.toString(), event: 'IssueState', data: toJson(state) }, at);
    send(initial);
    const deps = { store: this.store, queryBus: this.queryBus, clock: this.clock, dayCheckMs: this.limits.dayCheckMs };
    const subscription = issueStateFeed(deps, request, initial).subscribe({ next: send, error: (error: unknown) => void stream.fail(error) });
    stream.onEnd(() => subscription.unsubscribe());
  }
}
