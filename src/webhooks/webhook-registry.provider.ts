import { FactoryProvider } from '@nestjs/common';
import { PARLEY_CONFIG, ParleyConfig } from '../config/parley-config';
import { openWebhookRegistry, WebhookRegistry } from './webhook-registry';

export const WEBHOOK_REGISTRY = Symbol('WebhookRegistry');

export const webhookRegistryProvider: FactoryProvider<WebhookRegistry> = {
  provide: WEBHOOK_REGISTRY,
  useFactory: (config: ParleyConfig) => openWebhookRegistry(config.webhooks.registry),
  inject: [PARLEY_CONFIG],
};
