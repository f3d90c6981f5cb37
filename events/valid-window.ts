import { countsFrom, isValidPartialDate, windowStart } from './dates';

/** A span of whole days, both ends included (YYYY-MM-DD). */
export interface DayWindow {
  from: string;
  to: string;
}

/** What dates an event: when it happened, and when the article reporting it appeared. */
export interface Dated {
  readonly occurredAt: string;
  readonly source?: { readonly publishedAt?: string };
}

/** The days a partial date or an interval "A/B" covers. */
export const dateWindow = (date: string): DayWindow => ({ from: windowStart(date), to: countsFrom(date) });

/**
 * The valid-time window of an event: from the start of its occurredAt to the end of its occurredAt
 * or of its source's publishedAt, whichever comes first — an event cannot have happened after the
 * article that reports it. The event counts (positions, tariffs, probes, deadlines, status) from the
 * window's end; before that, while the window is open, it has only possibly happened.
 * A publishedAt before the occurredAt window (refused on append) leaves the window at its first day.
 */
export const validWindowOf = (event: Dated): DayWindow => {
  const occurred = dateWindow(event.occurredAt);
  const published = event.source?.publishedAt;
  if (published === undefined || !isValidPartialDate(published)) return occurred;
  const reportedBy = countsFrom(published);
  if (reportedBy >= occurred.to) return occurred;
  return { from: occurred.from, to: reportedBy < occurred.from ? occurred.from : reportedBy };
};

/** The day an event counts from: the end of its valid-time window. */
export const eventCountsFrom = (event: Dated): string => validWindowOf(event).to;


/** A problem when the source was published before the event's window opens, else undefined. */
export const publishedBeforeOccurred = (event: Dated): string | undefined => {
  const published = event.source?.publishedAt;
  if (published === undefined || !isValidPartialDate(published)) return undefined;
  const occurredFrom = dateWindow(event.occurredAt).from;
  if (countsFrom(published) >= occurredFrom) return undefined;
  return `source.publishedAt ${published} is before occurredAt ${event.occurredAt}: an event cannot have happened after the article that reports it`;
};
