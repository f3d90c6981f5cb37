import { ParleyEvent, windowStart } from '../events';
import { EffectiveEvent } from './knowledge';
import { compareValidTime } from './valid-time';

/**
 * What an answer needs of the events behind a fold, without walking them all: the event a fact
 * rests on, by id, and the events whose window spans more than one day — only those can ever be
 * "possible" (begun but not ended) on a day. A query path may keep one up to date as events arrive.
 */
export interface EventLookup {
  event(id: string): ParleyEvent | undefined;
  /** In valid-time order. */
  openWindowed(): readonly EffectiveEvent[];
}

/** Whether the event's valid-time window is longer than its last day (a month, a year, an interval). */
export const spansDays = (effective: EffectiveEvent): boolean => windowStart(effective.event.occurredAt) < effective.countsFrom;

/** A lookup over a list of events (one pass). */
export const eventLookup = (events: readonly EffectiveEvent[]): EventLookup => {
  const byId = new Map<string, ParleyEvent>();
  const wide: EffectiveEvent[] = [];
  for (const effective of events) {
    byId.set(effective.event.id, effective.event);
    if (spansDays(effective)) wide.push(effective);
  }
  return { event: (id) => byId.get(id), openWindowed: () => wide };
};

/** A lookup kept current by adding events one by one (the latest knowledge of a history). */
export const growingLookup = (events: readonly EffectiveEvent[]) => {
  const byId = new Map<string, ParleyEvent>();
  let wide: EffectiveEvent[] = [];
  let sorted = true;
  const add = (effective: EffectiveEvent): void => {
    byId.set(effective.event.id, effective.event);
    if (!spansDays(effective)) return;
    if (wide.length > 0 && compareValidTime(wide[wide.length - 1], effective) > 0) sorted = false;
    wide.push(effective);
  };
  events.forEach(add);
  return {
    add,
    event: (id: string) => byId.get(id),
    openWindowed: (): readonly EffectiveEvent[] => {
      if (!sorted) {
        wide = [...wide].sort(compareValidTime);
        sorted = true;
      }
      return wide;
    },
  };
};
