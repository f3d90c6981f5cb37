import { countsFrom } from '../events';
import { EffectiveEvent } from './knowledge';

export interface RoundSummary {
  round: string;
  location: string;
  /** endedOn as written, or the event's occurredAt (a round is dated the day it ended). */
  endedOn: string;
  eventId: string;
}

export interface Deadline {
  deadline: string;
  what: string;
  eventId: string;
}

export interface Calendar {
  rounds: { held: number; last: RoundSummary | null };
  deadlinesAhead: Deadline[];
  deadlinesPassed: Deadline[];
}

/** Deadlines by the day they pass, then event id. */
export const byDeadline = (a: Deadline, b: Deadline): number => {
  const [x, y] = [countsFrom(a.deadline), countsFrom(b.deadline)];
  if (x !== y) return x < y ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
};

/**
 * Rounds held and deadlines set, from events already counted by asOf (valid-time order). A deadline
 * is passed once asOf reaches the day it counts from ("2018-03" passes on 2018-03-31).
 */
export const calendarOf = (events: readonly EffectiveEvent[], asOf: string): Calendar => {
  const calendar: Calendar = { rounds: { held: 0, last: null }, deadlinesAhead: [], deadlinesPassed: [] };
  for (const { event } of events) {
    if (event.type === 'RoundHeld') {
      const { round, location, endedOn } = event.data;
      calendar.rounds = { held: calendar.rounds.held + 1, last: { round, location, endedOn: endedOn ?? event.occurredAt, eventId: event.id } };
    } else if (event.type === 'DeadlineSet') {
      const deadline = { deadline: event.data.deadline, what: event.data.what, eventId: event.id };
      (countsFrom(deadline.deadline) > asOf ? calendar.deadlinesAhead : calendar.deadlinesPassed).push(deadline);
    }
  }
  calendar.deadlinesAhead.sort(byDeadline);
  calendar.deadlinesPassed.sort(byDeadline);
  return calendar;
};
