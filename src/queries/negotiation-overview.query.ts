import { Query } from '@nestjs/cqrs';
import { NegotiationAnswer, NegotiationListing } from '../../projections';
import { slugSchema } from '../../events';
import { KeyOrder, Page, PageRequest, taggedCursor } from './keyset-page';
import { PointInTime } from './point-in-time';

/** A negotiation as of a day: parties, rounds, deadlines, threats, open probes, each issue's status. */
export class GetNegotiationOverview extends Query<NegotiationAnswer> {
  constructor(readonly q: PointInTime & { negotiation: string }) {
    super();
  }
}

/** Every negotiation with its title, parties and issues (latest knowledge), by name; a page of them when asked. */
export class ListNegotiations extends Query<Page<NegotiationListing>> {
  constructor(readonly page: PageRequest<string> = {}) {
    super();
  }
}

/** Negotiations are listed by name, and a name, once it has events, never goes away. */
export const byNegotiationName: KeyOrder<string, string> = { keyOf: (name) => name, compare: (name, key) => (name < key ? -1 : name > key ? 1 : 0) };

export const negotiationsCursor = taggedCursor<string>(
  'negotiations',
  (name) => [name],
  ([name, ...rest]) => (rest.length === 0 && slugSchema.safeParse(name).success ? name : undefined),
);
