import { Query } from '@nestjs/cqrs';
import { StoredEvent } from '../../events';
import { EventFilter } from '../store/event-store.port';

/** Stored events in recorded order, a page at a time; `next` is the cursor for the following page. */
export class ListEvents extends Query<{ events: StoredEvent[]; next: bigint | null }> {
  constructor(readonly q: { filter: EventFilter; fromPosition?: bigint; limit: number }) {
    super();
  }
}

/** One stored event by id. */
export class GetEvent extends Query<StoredEvent> {
  constructor(readonly id: string) {
    super();
  }
}
