import { CORRECTION_EVENT_TYPES, StoredEvent } from '../../events';
import { isAtLeast } from '../../projections';
import { EventFilter, matchesFilter } from '../store/event-store.port';
import { EventHistory } from '../queries/event-history';
import { HistorySlice, issueSlice, measuresSlice, MEASURE_EVENT_TYPES, sliceContains } from '../queries/history-slice';
import { daysChangedBy, issueDiffOn, justBefore, tariffChangeOn, watchedChange } from './state-change';
import { Delivery, deliveryId } from './webhook-delivery';
import { WebhookCondition } from './webhook-condition';
import { Webhook } from './webhook-registry';

export type HistoryOf = (slice: HistorySlice) => Promise<EventHistory>;

/** The store filter a webhook reads its events through (an index, never a scan); null: it reads none. */
export const storeFilterOf = (condition: WebhookCondition): EventFilter | null => {
  switch (condition.kind) {
    case 'events':
      return { negotiation: condition.negotiation, issue: condition.issue, party: condition.party, types: condition.types };
    case 'position-changed':
    case 'status-changed':
    case 'gap-changed':
      return { negotiation: condition.negotiation };
    case 'tariff-changed':
      return { types: [...MEASURE_EVENT_TYPES, ...CORRECTION_EVENT_TYPES] };
    case 'deadline-within':
      return null;
  }
};

const knownAround = (history: EventHistory, event: StoredEvent) => {
  const before = { knownAt: justBefore(event.recordedAt), events: [] as ReturnType<EventHistory['known']> };
  before.events = history.known(before.knownAt);
  const after = { knownAt: event.recordedAt, events: history.known(event.recordedAt) };
  return { before, after };
};

/**
 * What one stored event means for one webhook: the deliveries it causes. State conditions compare
 * the answer on each day the event changes (see daysChangedBy) as known just before it was
 * recorded and with it, so they fire exactly when the projection's answer changed.
 */
export const deliveriesFor = async (webhook: Webhook, event: StoredEvent, historyOf: HistoryOf): Promise<Delivery[]> => {
  const { condition } = webhook;
  const delivery = (kind: string, key: string, payload: Record<string, unknown>): Delivery => ({
    id: deliveryId(webhook.id, kind, key),
    webhookId: webhook.id,
    position: event.position,
    payload: { kind, ...payload },
  });
  switch (condition.kind) {
    case 'events': {
      const filter = storeFilterOf(condition) as EventFilter;
      const confident = condition.minConfidence === undefined || isAtLeast(event.confidence, condition.minConfidence);
      return matchesFilter(event, filter) && confident ? [delivery('event', event.position.toString(), { event })] : [];
    }
    case 'position-changed':
    case 'status-changed':
    case 'gap-changed': {
      const slice = issueSlice(condition.negotiation, condition.issue);
      if (!sliceContains(slice, event)) return [];
      const history = await historyOf(slice);
      const { before, after } = knownAround(history, event);
      const deliveries: Delivery[] = [];
      for (const asOf of daysChangedBy(event, before.events, after.events)) {
        const change = watchedChange(condition, issueDiffOn({ negotiation: condition.negotiation, issue: condition.issue, asOf }, before, after));
        // Keyed by recording instant, not position: a batch recorded at once is one change, delivered once.
        if (change) deliveries.push(delivery(condition.kind, `${event.recordedAt}/${asOf}`, { asOf, event, ...change }));
      }
      return deliveries;
    }
    case 'tariff-changed': {
      const history = await historyOf(measuresSlice());
      const { before, after } = knownAround(history, event);
      const deliveries: Delivery[] = [];
      for (const asOf of daysChangedBy(event, before.events, after.events)) {
        const change = tariffChangeOn(condition.target, asOf, before, after);
        if (change) deliveries.push(delivery(condition.kind, `${event.recordedAt}/${asOf}`, { asOf, target: condition.target, event, ...change }));
      }
      return deliveries;
    }
    case 'deadline-within':
      return [];
  }
};
