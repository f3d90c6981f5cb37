import { Confidence, dateWindow, DatePrecision, precisionOf, Source } from '../events';
import { EffectiveEvent } from './knowledge';
import { calendarOf } from './negotiation-calendar';

/** A deadline still ahead on asOf, across negotiations, with how far off it is and what set it. */
export interface DeadlineAhead {
  negotiation: string;
  issue: string | null;
  /** As written: a day, a month or a year. */
  deadline: string;
  precision: DatePrecision;
  what: string;
  /** The days the deadline may fall on. */
  window: { from: string; to: string };
  /** Whole days from asOf to the window's first day (0 once it has begun) and to its last day. */
  daysRemaining: { earliest: number; latest: number };
  setBy: { eventId: string; occurredAt: string; recordedAt: string; confidence: Confidence; source: Source | null };
  /** The correction that moved or reworded it, when one is in force. */
  changedBy: { eventId: string; recordedAt: string } | null;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Deadlines ahead on asOf in every negotiation, soonest first. Which deadlines are ahead is the
 * negotiation calendar's rule; this adds the distance and the provenance an alert needs.
 */
export const deadlinesAhead = (events: readonly EffectiveEvent[], asOf: string): DeadlineAhead[] => {
  const counted = events.filter((e) => e.countsFrom <= asOf);
  const byNegotiation = new Map<string, EffectiveEvent[]>();
  for (const e of counted) {
    const own = byNegotiation.get(e.event.negotiation);
    if (own) own.push(e);
    else byNegotiation.set(e.event.negotiation, [e]);
  }
  const byId = new Map(counted.map((e) => [e.event.id, e]));
  const ahead: DeadlineAhead[] = [];
  for (const [negotiation, own] of byNegotiation) {
    for (const { deadline, what, eventId } of calendarOf(own, asOf).deadlinesAhead) {
      const effective = byId.get(eventId) as EffectiveEvent;
      const window = dateWindow(deadline);
      ahead.push({
        negotiation,
        issue: effective.event.issue ?? null,
        deadline,
        precision: precisionOf(deadline),
        what,
        window,
        daysRemaining: { earliest: Math.max(0, daysBetween(asOf, window.from)), latest: daysBetween(asOf, window.to) },
        setBy: {
          eventId,
          occurredAt: effective.event.occurredAt,
          recordedAt: effective.recordedAt,
          confidence: effective.event.confidence,
          source: effective.event.source ?? null,
        },
        changedBy: effective.correction ?? null,
      });
    }
  }
  return ahead.sort((a, b) => (a.window.to < b.window.to ? -1 : a.window.to > b.window.to ? 1 : a.setBy.eventId < b.setBy.eventId ? -1 : 1));
};
