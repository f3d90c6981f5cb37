import { Module } from '@nestjs/common';
import { EventStreamController } from './event-stream.controller';
import { IssueStateStreamController } from './issue-state-stream.controller';
import { OpenStreams } from './open-streams.registry';
import { SUBSCRIPTION_LIMITS, subscriptionLimitsFromEnv } from './subscription-limits';

/** Live streams over HTTP (Server-Sent Events): events as they are recorded, and issue states as they change. */
@Module({
  controllers: [EventStreamController, IssueStateStreamController],
  providers: [OpenStreams, { provide: SUBSCRIPTION_LIMITS, useFactory: () => subscriptionLimitsFromEnv() }],
})
export class SubscriptionsModule {}
