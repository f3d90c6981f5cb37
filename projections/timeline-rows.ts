import { DayWindow, validWindowOf } from '../events';
import { Provenance, provenanceOf } from './provenance';
import { TimelineEntry } from './timeline';

/** A timeline entry as answered: with its provenance and valid-time window at the top, for readers and filters. */
export interface TimelineRow extends TimelineEntry, Provenance {
  window: DayWindow;
}

export const timelineRow = (entry: TimelineEntry): TimelineRow => ({
  ...entry,
  ...provenanceOf(entry.event),
  window: validWindowOf(entry.event),
});
