import { Query } from '@nestjs/cqrs';
import { Confidence, EventType } from '../../events';
import { TimelineRow } from '../../projections';

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

/** Events in valid-time order (the day they count from, then position), as known at an instant. */
export class GetTimeline extends Query<{ knownAt: string; entries: TimelineRow[] }> {
  constructor(readonly q: TimelineFilter) {
    super();
  }
}
