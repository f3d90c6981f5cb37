import { StoredEvent } from '../../events';

/**
 * Published on Nest's EventBus for the events the store commits, whoever appended them: each run of
 * events the store subscription delivered in one go (a group commit's, or a page of a read), in
 * position order. One publication per run, not per event: the bus costs each handler an RxJS
 * pipeline per publication.
 */
export class EventsRecorded {
  constructor(readonly events: readonly StoredEvent[]) {}
}
