import { StoredEvent } from '../../events';

/** One readable line per stored event: position, date, negotiation/issue, party, type, source. */
export const formatEventLine = (event: StoredEvent): string =>
  [
    `#${event.position}`.padEnd(7),
    event.occurredAt.padEnd(10),
    `${event.negotiation}${event.issue ? `/${event.issue}` : ''}`,
    event.party ?? '-',
    event.type,
    event.source?.publisher ? `(${event.source.publisher}${event.source.document ? `, ${event.source.document}` : ''})` : '',
  ]
    .filter(Boolean)
    .join('  ');
