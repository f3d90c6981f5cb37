import { Confidence, DayWindow, ParleyEvent, windowStart } from '../events';
import { EffectiveEvent } from './knowledge';
import { summarize } from './summaries';

/** An event that may already have happened on the day asked: its window has begun but not ended. */
export interface PossibleEvent {
  eventId: string;
  eventType: ParleyEvent['type'];
  party: string | null;
  window: DayWindow;
  confidence: Confidence;
  summary: string;
}

/**
 * The events (of those matching `about`) that are possible on `asOf`: dated to a window that
 * contains asOf but ends after it ("2026" on 2026-03-01), so they do not count yet and may still
 * have happened. Valid-time order.
 */
export const possibleOn = (
  events: readonly EffectiveEvent[],
  asOf: string,
  about: (event: ParleyEvent) => boolean,
): Array<{ event: ParleyEvent; window: DayWindow }> => {
  const possible: Array<{ event: ParleyEvent; window: DayWindow }> = [];
  for (const { event, countsFrom } of events) {
    if (countsFrom <= asOf || !about(event)) continue;
    // The event's valid-time window (validWindowOf) without re-reading its dates: it opens where its
    // occurredAt does and ends on the day it counts from.
    const from = windowStart(event.occurredAt);
    if (from <= asOf) possible.push({ event, window: { from, to: countsFrom } });
  }
  return possible;
};

export const possibleEvent = ({ event, window }: { event: ParleyEvent; window: DayWindow }): PossibleEvent => ({
  eventId: event.id,
  eventType: event.type,
  party: event.party ?? null,
  window,
  confidence: event.confidence,
  summary: summarize(event),
});
