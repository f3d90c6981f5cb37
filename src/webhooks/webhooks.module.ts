import { Module } from '@nestjs/common';
import { QueriesModule } from '../queries/queries.module';
import { WebhookDispatcher } from './webhook-dispatcher';
import { webhookRegistryProvider } from './webhook-registry.provider';
import { WebhooksController } from './webhooks.controller';

/** Webhooks on conditions: registrations over HTTP, deliveries from this server. */
@Module({
  imports: [QueriesModule],
  controllers: [WebhooksController],
  providers: [webhookRegistryProvider, WebhookDispatcher],
})
export class WebhooksModule {}
