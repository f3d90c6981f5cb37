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
}

export interface TimelineAnswer {
  knownAt: string;
  entries: TimelineRow[];
  /** Which events were corrected or retracted by knownAt, or are later (see knowledgeNotes). */
  knowledge: KnowledgeNote[];
}

/** Events in valid-time order (the day they count from, then position), as known at an instant. */
export class GetTimeline extends Query<TimelineAnswer> {
  constructor(readonly q: TimelineFilter) {
    super();
  }
}
