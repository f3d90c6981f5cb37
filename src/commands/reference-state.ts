import { ParleyEvent, StoredEvent } from '../../events';
import { canonicalBody } from '../store/event-body';
import { EventStore } from '../store/event-store.port';
import { ReferenceState, referencesOf } from './record-events.decider';

const bodyOf = ({ position, streamRevision, recordedAt, ...body }: StoredEvent): ParleyEvent => body as ParleyEvent;

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
  const referenced = new Map<string, { type: ParleyEvent['type']; negotiation: string }>();
  const negotiations = new Set<string>();
  for (const event of events) {
    for (const ref of referencesOf(event)) {
      negotiations.add(event.negotiation);
      if (referenced.has(ref.id)) continue;
      const target = await store.getEvent(ref.id);
      if (target) referenced.set(ref.id, { type: target.type, negotiation: target.negotiation });
    }
  }
  const retracted = new Set<string>();
  for (const negotiation of negotiations) {
    for await (const event of store.readAll({ filter: { negotiation, types: ['EventRetracted'] } })) {
      if (event.type === 'EventRetracted') retracted.add(event.data.retracts);
    }
  }
  return { referenced, retracted };
};
