import { deadlinesAhead, DeadlineAhead } from '../../projections';
import { isoDay } from '../../events';
import { deadlinesSlice } from '../queries/history-slice';
import { deliveryId } from './webhook-delivery';
import { Webhook } from './webhook-registry';
import { WebhookWorker, WorkerDeps } from './webhook-worker';

const alertKey = (d: DeadlineAhead): string => `${d.setBy.eventId}/${d.changedBy?.eventId ?? ''}/${d.deadline}`;

/**
 * A deadline-within webhook fires once per deadline (and again if a correction moves it) when the
 * deadline's last possible day comes within its `days`, as of the injected clock's today.
 */
export const deadlineAlerts = async (webhooks: readonly Webhook[], workers: ReadonlyMap<string, WebhookWorker>, deps: WorkerDeps): Promise<void> => {
  const watching = webhooks.filter((w) => w.condition.kind === 'deadline-within');
  if (watching.length === 0) return;
  const now = deps.clock.now();
  const history = await deps.historyOf(deadlinesSlice());
  const ahead = deadlinesAhead(history.known(now.toISOString()), isoDay(now));
  for (const webhook of watching) {
    const condition = webhook.condition as Extract<Webhook['condition'], { kind: 'deadline-within' }>;
    const worker = workers.get(webhook.id);
    if (!worker) continue;
    for (const deadline of ahead) {
      if (deadline.daysRemaining.latest > condition.days) continue;
      if (condition.negotiation !== undefined && deadline.negotiation !== condition.negotiation) continue;
      const key = alertKey(deadline);
      if (deps.registry.hasFired(webhook.id, key)) continue;
      const position = (await deps.store.getEvent(deadline.setBy.eventId))?.position ?? 0n;
      const delivered = await worker.deliverNow({
        id: deliveryId(webhook.id, 'deadline-within', key),
        webhookId: webhook.id,
        position,
        payload: { kind: 'deadline-within', asOf: isoDay(now), deadline },
      });
      if (delivered) deps.registry.markFired(webhook.id, key);
    }
  }
};
