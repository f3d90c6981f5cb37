import { StoredEvent } from '../../events';

/** Published on Nest's EventBus for every event the store commits, whoever appended it. */
export class EventRecorded {
  constructor(readonly event: StoredEvent) {}
}
