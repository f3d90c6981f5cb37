import { cursorParam, Page, pageOfFetched, taggedCursor } from '../queries/keyset-page';
import { limitSchema } from '../queries/query-params';
import { viewOf, WebhookView } from './webhook-registration';
import { DeadLetter, DeadLetterKey, WebhookKey, WebhookRegistry } from './webhook-registry';

const ID = /^[\w-]{1,100}$/;

export const webhooksCursor = taggedCursor<WebhookKey>(
  'webhooks',
  (key) => [key.createdAt, key.id],
  ([createdAt, id, ...rest]) => (rest.length === 0 && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(createdAt ?? '') && ID.test(id ?? '') ? { createdAt, id } : undefined),
);

export const deadLettersCursor = taggedCursor<DeadLetterKey>(
  'dead-letters',
  (key) => [key.position.toString(), key.deliveryId],
  ([position, deliveryId, ...rest]) =>
    rest.length === 0 && /^\d{1,19}$/.test(position ?? '') && ID.test(deliveryId ?? '') ? { position: BigInt(position), deliveryId } : undefined,
);

export const webhooksQuery = { limit: limitSchema.optional(), cursor: cursorParam(webhooksCursor, 'the webhook list').optional() };
export const deadLettersQuery = { limit: limitSchema.optional(), cursor: cursorParam(deadLettersCursor, "this webhook's dead letters").optional() };

/** Registered webhooks, oldest first; a page of them read from the registry (one row more says whether there is a next page). */
export const pageOfWebhooks = (registry: WebhookRegistry, page: { limit?: number; after?: WebhookKey }): Page<WebhookView> => {
  const fetched = registry.list({ after: page.after, limit: page.limit === undefined ? undefined : page.limit + 1 });
  const { items, next } = pageOfFetched(fetched, page.limit, { keyOf: (w) => ({ createdAt: w.createdAt, id: w.id }) }, webhooksCursor);
  return { items: items.map((w) => viewOf(registry, w)), next };
};

/** A webhook's dead letters by position, a page of them. */
export const pageOfDeadLetters = (registry: WebhookRegistry, webhookId: string, page: { limit?: number; after?: DeadLetterKey }): Page<DeadLetter> => {
  const fetched = registry.deadLettersPage(webhookId, { after: page.after, limit: page.limit === undefined ? undefined : page.limit + 1 });
  return pageOfFetched(fetched, page.limit, { keyOf: (l) => ({ position: l.position, deliveryId: l.deliveryId }) }, deadLettersCursor);
};
