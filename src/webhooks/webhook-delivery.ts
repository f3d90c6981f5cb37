import { createHash } from 'node:crypto';
import { toJson } from '../http/json';
import { signatureHeader } from './webhook-signature';

/** One message to one webhook. Its id is stable across retries and restarts, so receivers can drop repeats. */
export interface Delivery {
  id: string;
  webhookId: string;
  /** The store position of the event behind it (the DeadlineSet event for deadline alerts). */
  position: bigint;
  payload: Record<string, unknown>;
}

export const deliveryId = (webhookId: string, ...parts: string[]): string =>
  `dlv_${createHash('sha256').update([webhookId, ...parts].join('\u0000')).digest('hex').slice(0, 32)}`;

export const deliveryBody = (delivery: Delivery): string =>
  toJson({ webhook: delivery.webhookId, delivery: delivery.id, position: delivery.position, ...delivery.payload });

export interface DeliveryTarget {
  url: string;
  secret: string;
}

/** One attempt: a signed POST; resolves on 2xx, throws with what went wrong otherwise. */
export const postDelivery = async (target: DeliveryTarget, delivery: Delivery, nowSeconds: number, timeoutMs: number): Promise<void> => {
  const body = deliveryBody(delivery);
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'parley-webhooks',
      'parley-webhook-id': delivery.webhookId,
      'parley-delivery-id': delivery.id,
      'parley-signature': signatureHeader(target.secret, body, nowSeconds),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status > 299) throw new Error(`receiver answered ${response.status}`);
};

/** Exponential back-off: base, 2×base, 4×base… capped. */
export const backoffDelay = (attempt: number, baseMs: number, maxMs: number): number => Math.min(maxMs, baseMs * 2 ** (attempt - 1));
