import { EVENT_TYPES, EventType } from '../../events';
import { EventFilter } from '../store/event-store.port';

export interface FilterFlags {
  negotiation?: string;
  issue?: string;
  party?: string;
  type?: string[];
}

export const eventFilterFrom = (flags: FilterFlags): EventFilter => {
  const unknown = (flags.type ?? []).filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) throw new Error(`unknown event type ${unknown.join(', ')}; expected one of ${EVENT_TYPES.join(', ')}`);
  return { negotiation: flags.negotiation, issue: flags.issue, party: flags.party, types: flags.type as EventType[] | undefined };
};
