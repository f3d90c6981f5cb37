import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Clock } from '../clock/clock';
import { NotFoundError } from '../queries/not-found.error';
import { positionSchema } from '../queries/query-params';
import { EventStore } from '../store/event-store.port';
import { webhookConditionSchema } from './webhook-condition';
import { Webhook, WebhookRegistry } from './webhook-registry';

export const webhookInputSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .max(2000),
  /** Shared with the receiver to check the signature; never shown again. */
  secret: z.string().min(16, { message: 'expected a secret of at least 16 characters' }).max(256),
  condition: webhookConditionSchema,
  /** Deliver what happened after this position (default: only what is recorded from now on). */
  fromPosition: z.union([positionSchema, z.number().int().nonnegative().transform((v) => BigInt(v))]).optional(),
});

/** A webhook as the API shows it: everything but its secret. */
export type WebhookView = Omit<Webhook, 'secret'> & { deadLetters: number };

export const viewOf = (registry: WebhookRegistry, { secret: _secret, ...webhook }: Webhook): WebhookView => ({
  ...webhook,
  deadLetters: registry.deadLetterCount(webhook.id),
});

export const registerWebhook = async (registry: WebhookRegistry, store: EventStore, clock: Clock, input: unknown): Promise<WebhookView> => {
  const { url, secret, condition, fromPosition } = webhookInputSchema.parse(input);
  const webhook: Webhook = {
    id: `wh_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    url, secret, condition,
    createdAt: clock.now().toISOString(),
    cursor: fromPosition ?? (await store.headPosition()),
  };
  registry.add(webhook);
  return viewOf(registry, webhook);
};

export const webhookOrThrow = (registry: WebhookRegistry, id: string): Webhook => {
  const webhook = registry.get(id);
  // Names a few that exist, never reading every registration.
  if (!webhook) throw new NotFoundError('webhook', id, registry.list({ limit: 20 }).map((w) => w.id), registry.count());
  return webhook;
};

/** Delivers again from a position: the cursor moves back (or forward), nothing else changes. */
export const replayWebhook = (registry: WebhookRegistry, id: string, fromPosition: bigint): WebhookView => {
  const webhook = webhookOrThrow(registry, id);
  registry.moveCursor(id, fromPosition);
  return viewOf(registry, { ...webhook, cursor: fromPosition });
};
