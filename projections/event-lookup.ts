import { ParleyEvent, windowStart } from '../events';
import { EffectiveEvent } from './knowledge';
import { compareValidTime, countCountedBy, sortByValidTime } from './valid-time';

/**
 * What an answer needs of the events behind a fold, without walking them all: the event a fact
 * rests on, by id, and the events whose window spans more than one day and is open on a day —
 * only those can be "possible" (begun but not ended) then. A query path may keep one up to date
 * as events arrive.
 */
export interface EventLookup {
  /** The same event for an id for as long as the lookup lives (answers are kept by lookup). */
  event(id: string): ParleyEvent | undefined;
  /** The many-day events whose window is open on `asOf` (counting after it, begun by it), in valid-time order. */
  openOn(asOf: string): readonly EffectiveEvent[];
}

/** Whether the event's valid-time window is longer than its last day (a month, a year, an interval). */
export const spansDays = (effective: EffectiveEvent): boolean => windowStart(effective.event.occurredAt) < effective.countsFrom;

/**
 * Many-day events in valid-time order, searchable by day: those open on a day start after the
 * events that count by it (a binary search), and the scan stops where no later event's window
 * begins by that day (the earliest start of each suffix, kept beside the list). So a day costs the
 * events around it, not the whole history.
 */
const openWindows = (sorted: readonly EffectiveEvent[]) => {
  const starts = sorted.map((e) => windowStart(e.event.occurredAt));
  const earliestStartFrom: string[] = new Array<string>(sorted.length);
  let earliest = '9999-12-31';
  for (let i = sorted.length - 1; i >= 0; i--) {
    if (starts[i] < earliest) earliest = starts[i];
    earliestStartFrom[i] = earliest;
  }
  return (asOf: string): EffectiveEvent[] => {
    const open: EffectiveEvent[] = [];
    for (let i = countCountedBy(sorted, asOf, (e) => e.countsFrom); i < sorted.length && earliestStartFrom[i] <= asOf; i++) {
      if (starts[i] <= asOf) open.push(sorted[i]);
    }
    return open;
  };
};

/** A lookup over a list of events (one pass). */
export const eventLookup = (events: readonly EffectiveEvent[]): EventLookup => {
  const byId = new Map<string, ParleyEvent>();
  const wide: EffectiveEvent[] = [];
  for (const effective of events) {
    byId.set(effective.event.id, effective.event);
    if (spansDays(effective)) wide.push(effective);
  }
  let openOn: ((asOf: string) => EffectiveEvent[]) | undefined;
  return { event: (id) => byId.get(id), openOn: (asOf) => (openOn ??= openWindows(sortByValidTime(wide)))(asOf) };
};

/** A lookup kept current by adding events one by one (the latest knowledge of a history). */
export const growingLookup = (events: readonly EffectiveEvent[]) => {
  const byId = new Map<string, ParleyEvent>();
  let wide: EffectiveEvent[] = [];
  let sorted = true;
  let openOn: ((asOf: string) => EffectiveEvent[]) | undefined;
  const add = (effective: EffectiveEvent): void => {
    byId.set(effective.event.id, effective.event);
    if (!spansDays(effective)) return;
    if (wide.length > 0 && compareValidTime(wide[wide.length - 1], effective) > 0) sorted = false;
    wide.push(effective);
    openOn = undefined;
  };
  events.forEach(add);
  return {
    add,
    event: (id: string) => byId.get(id),
    openOn: (asOf: string): readonly EffectiveEvent[] => {
      if (!sorted) {
        wide = [...wide].sort(compareValidTime);
        sorted = true;
      }
      return (openOn ??= openWindows(wide))(asOf);
    },
  };
};
