import { bodyOf, ParleyEvent } from '../../events';
import { canonicalBody } from '../store/event-body';
import { EventStore } from '../store/event-store.port';
import { ReferenceState, referenceStateOf, referencesOf } from './reference-rules';


/** Events already stored with identical content: duplicates, recorded once and not decided again. */
export const alreadyStored = async (store: EventStore, events: readonly ParleyEvent[]): Promise<Set<string>> => {
  const stored = new Set<string>();
  for (const event of events) {
    if (referencesOf(event).length === 0) continue; // without references the store alone settles duplicates
    const existing = await store.getEvent(event.id);
    if (existing && canonicalBody(bodyOf(existing)) === canonicalBody(event)) stored.add(event.id);
  }
  return stored;
};

/** Reads what the decision needs: the referenced events and the retractions of the negotiations involved. */
export const loadReferenceState = async (store: EventStore, events: readonly ParleyEvent[]): Promise<ReferenceState> => {
  const recorded = new Map<string, ParleyEvent>();
  const negotiations = new Set<string>();
  for (const event of events) {
    for (const ref of referencesOf(event)) {
      negotiations.add(event.negotiation);
      if (recorded.has(ref.id)) continue;
      const target = await store.getEvent(ref.id);
      if (target) recorded.set(ref.id, target);
    }
  }
  for (const negotiation of negotiations) {
    for await (const event of store.readAll({ filter: { negotiation, types: ['EventRetracted'] } })) recorded.set(event.id, event);
  }
  return referenceStateOf(recorded.values());
};
