import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StoredEvent } from '../../events';
import { EVENT_STORE, EventStore } from '../store/event-store.port';
import { GetEvent, ListEvents } from './events.query';
import { NotFoundError } from './not-found.error';

@QueryHandler(ListEvents)
export class ListEventsHandler implements IQueryHandler<ListEvents> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ q }: ListEvents) {
    const events: StoredEvent[] = [];
    // One more than asked tells whether another page exists.
    for await (const event of this.store.readAll({ filter: q.filter, fromPosition: q.fromPosition, limit: q.limit + 1 })) events.push(event);
    const more = events.length > q.limit;
    if (more) events.pop();
    return { events, next: more ? events[events.length - 1].position : null };
  }
}

const RECENT_IDS = 10;

@QueryHandler(GetEvent)
export class GetEventHandler implements IQueryHandler<GetEvent> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ id }: GetEvent) {
    const event = await this.store.getEvent(id);
    if (!event) throw new NotFoundError('event', id, ...(await this.mostRecent()));
    return event;
  }

  /** Too many events to list them all: the most recently recorded ids, and how many there are. */
  private async mostRecent(): Promise<[string[], number]> {
    const ids: string[] = [];
    for await (const event of this.store.readAll({ direction: 'backwards', limit: RECENT_IDS })) ids.push(event.id);
    const total = (await this.store.summary()).reduce((sum, entry) => sum + entry.events, 0);
    return [ids, Math.max(total, ids.length)];
  }
}
