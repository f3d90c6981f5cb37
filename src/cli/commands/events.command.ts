import { QueryBus } from '@nestjs/cqrs';
import { storedEventToJson } from '../../../events';
import { ListEvents } from '../../queries/events.query';
import { withApp, StoreFlags } from '../boot';
import { cli } from '../cli-context';
import { eventFilterFrom, FilterFlags } from '../filter-flags';
import { formatEventLine } from '../format';

export interface EventsFlags extends StoreFlags, FilterFlags {
  fromPosition?: bigint;
  limit?: number;
  json?: boolean;
}

const PAGE = 1_000;

/** `parley events`: stored events in recorded (position) order, read page by page through the QueryBus. */
export const eventsCommand = async (flags: EventsFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const bus = app.get(QueryBus);
    const filter = eventFilterFrom(flags);
    let fromPosition = flags.fromPosition;
    let remaining = flags.limit ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const page = await bus.execute(new ListEvents({ filter, fromPosition, limit: Math.min(PAGE, remaining) }));
      for (const event of page.events) cli().stdout.write(`${flags.json ? JSON.stringify(storedEventToJson(event)) : formatEventLine(event)}\n`);
      remaining -= page.events.length;
      if (page.next === null) return;
      fromPosition = page.next;
    }
  });
