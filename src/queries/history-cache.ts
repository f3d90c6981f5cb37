import { Inject, Injectable } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { StoredEvent } from '../../events';
import { EVENT_STORE, EventStore } from '../store/event-store.port';
import { EventHistory } from './event-history';
import { EventsRecorded } from './events-recorded.event';
import { HistorySlice, sliceContains } from './history-slice';
import { StoreEventBridge } from './store-event-bridge';

const MAX_SLICES = 512;

/**
 * Slices of the log that queries asked for, loaded once through the store's indexes and then kept
 * current by the EventBus. A slice is registered before it is loaded, so events that arrive while
 * it loads are not lost (the history drops duplicates by position).
 */
@Injectable()
@EventsHandler(EventsRecorded)
export class HistoryCache implements IEventHandler<EventsRecorded> {
  private readonly slices = new Map<string, { slice: HistorySlice; history: EventHistory; loaded: Promise<EventHistory> }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly bridge: StoreEventBridge,
  ) {}

  /**
   * The slice's history, once every event up to the store's head has been published. A caller that
   * has just waited for that itself (through the directory, in the same query) passes
   * `alreadyCaughtUp` to skip a second read of the head.
   */
  async history(slice: HistorySlice, options: { alreadyCaughtUp?: boolean } = {}): Promise<EventHistory> {
    if (!options.alreadyCaughtUp) await this.bridge.caughtUp();
    const cached = this.slices.get(slice.key);
    if (cached) return cached.loaded;
    const history = new EventHistory();
    const loaded = this.load(slice, history);
    this.slices.set(slice.key, { slice, history, loaded });
    if (this.slices.size > MAX_SLICES) this.slices.delete(this.slices.keys().next().value as string);
    loaded.catch(() => this.slices.delete(slice.key));
    return loaded;
  }

  handle({ events }: EventsRecorded): void {
    if (this.slices.size === 0) return;
    for (const event of events) {
      for (const { slice, history } of this.slices.values()) {
        if (sliceContains(slice, event)) {
          history.add(event);
          void this.addMovedTarget(slice, history, event);
        }
      }
    }
  }

  private async load(slice: HistorySlice, history: EventHistory): Promise<EventHistory> {
    for (const filter of slice.filters) {
      for await (const event of this.store.readAll({ filter })) history.add(event);
    }
    for (const event of [...history.stored()]) await this.addMovedTarget(slice, history, event);
    return history;
  }

  /** A correction may move an event into this slice (another issue, another type): fetch the original. */
  private async addMovedTarget(slice: HistorySlice, history: EventHistory, event: StoredEvent): Promise<void> {
    if (event.type !== 'EventCorrected' || !sliceContains(slice, event.data.replacement as never)) return;
    const target = await this.store.getEvent(event.data.corrects);
    if (target && !history.has(target.position)) history.add(target);
  }
}
