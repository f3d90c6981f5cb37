import { Query } from '@nestjs/cqrs';
import { NegotiationAnswer, NegotiationListing } from '../../projections';
import { PointInTime } from './point-in-time';

/** A negotiation as of a day: parties, rounds, deadlines, threats, open probes, each issue's status. */
export class GetNegotiationOverview extends Query<NegotiationAnswer> {
  constructor(readonly q: PointInTime & { negotiation: string }) {
    super();
  }
}

/** Every negotiation with its title, parties and issues (latest knowledge). */
export class ListNegotiations extends Query<NegotiationListing[]> {}
