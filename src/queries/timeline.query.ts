import { Query } from '@nestjs/cqrs';
import { EventType } from '../../events';
import { TimelineEntry } from '../../projections';

export interface TimelineFilter {
  negotiation?: string;
  issue?: string;
  party?: string;
  types?: EventType[];
  from?: string;
  to?: string;
  knownAt?: string;
}

/** Events in valid-time order (the day they count from, then position), as known at an instant. */
export class GetTimeline extends Query<{ knownAt: string; entries: TimelineEntry[] }> {
  constructor(readonly q: TimelineFilter) {
    super();
  }
}
