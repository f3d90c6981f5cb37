import { Query } from '@nestjs/cqrs';
import { Confidence, EventType } from '../../events';
import { KnowledgeNote, TimelineRow } from '../../projections';

export interface TimelineFilter {
  negotiation?: string;
  issue?: string;
  party?: string;
  types?: EventType[];
  from?: string;
  to?: string;
  knownAt?: string;
  /** Only events at least this confident. */
  minConfidence?: Confidence;
  /** Paging: at most this many rows, after this cursor (the `next` of the previous page). */
  limit?: number;
  after?: { countsFrom: string; position: bigint };
}

export interface TimelineAnswer {
  knownAt: string;
  entries: TimelineRow[];
  /** Which events were corrected or retracted by knownAt, or are later (see knowledgeNotes). */
  knowledge: KnowledgeNote[];
  /** The cursor of the next page (pass it as `cursor`); null when this page ends the timeline. */
  next: string | null;
}

/** Events in valid-time order (the day they count from, then position), as known at an instant. */
export class GetTimeline extends Query<TimelineAnswer> {
  constructor(readonly q: TimelineFilter) {
    super();
  }
}
