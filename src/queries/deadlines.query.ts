import { Query } from '@nestjs/cqrs';
import { DeadlineAhead } from '../../projections';
import { PointInTime } from './point-in-time';

export interface DeadlinesAnswer {
  asOf: string;
  knownAt: string;
  deadlines: DeadlineAhead[];
}

/** Every deadline ahead on a day, across negotiations (or in one), soonest first. */
export class GetDeadlines extends Query<DeadlinesAnswer> {
  constructor(readonly q: PointInTime & { negotiation?: string }) {
    super();
  }
}
