import { EventFilter } from '../event-store.port';
import { ServerFilter } from './follow-all';
import { StreamNames } from './stream-names';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The most selective filter KurrentDB can apply on its side (one per subscription: on stream name
 * or on event type). Whatever it cannot express (issue, party, a second criterion) is applied by the
 * adapter to what arrives, so the server-side filter only has to be a superset.
 */
export const serverFilterFor = (names: StreamNames, filter: EventFilter | undefined): ServerFilter => {
  if (filter?.negotiation !== undefined) return { on: 'stream', regex: `^${escapeRegex(names.toKurrent(`negotiation-${filter.negotiation}`))}$` };
  if (filter?.types !== undefined && filter.types.length > 0) return { on: 'type', regex: `^(?:${filter.types.map(escapeRegex).join('|')})$` };
  return { on: 'stream', prefixes: [names.eventStreamPrefix] };
};
