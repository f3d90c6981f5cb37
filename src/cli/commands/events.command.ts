import { storedEventToJson } from '../../../events';
import { EVENT_STORE, EventStore } from '../../store/event-store.port';
import { withApp, StoreFlags } from '../boot';
import { eventFilterFrom, FilterFlags } from '../filter-flags';
import { formatEventLine } from '../format';

export interface EventsFlags extends StoreFlags, FilterFlags {
  fromPosition?: string;
  limit?: string;
  json?: boolean;
}

/** `parley events`: stored events in recorded (position) order. */
export const eventsCommand = async (flags: EventsFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const store = app.get<EventStore>(EVENT_STORE);
    const fromPosition = flags.fromPosition === undefined ? undefined : BigInt(flags.fromPosition);
    const limit = flags.limit === undefined ? undefined : Number(flags.limit);
    for await (const event of store.readAll({ fromPosition, limit, filter: eventFilterFrom(flags) })) {
      process.stdout.write(`${flags.json ? JSON.stringify(storedEventToJson(event)) : formatEventLine(event)}\n`);
    }
  });
