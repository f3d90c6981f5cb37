import { Module } from '@nestjs/common';
import { EventStreamController } from './event-stream.controller';
import { IssueStateStreamController } from './issue-state-stream.controller';
import { OpenStreams } from './open-streams.registry';
import { PARLEY_CONFIG, ParleyConfig } from '../config/parley-config';
import { SUBSCRIPTION_LIMITS } from './subscription-limits';

/** Live streams over HTTP (Server-Sent Events): events as they are recorded, and issue states as they change. */
@Module({
  controllers: [EventStreamController, IssueStateStreamController],
  providers: [OpenStreams, { provide: SUBSCRIPTION_LIMITS, useFactory: (config: ParleyConfig) => config.subscriptions, inject: [PARLEY_CONFIG] }],
})
export class SubscriptionsModule {}
