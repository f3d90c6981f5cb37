import { countsFrom, DatePrecision, ParleyEvent, precisionOf, windowStart } from '../events';
import { EffectiveEvent } from './knowledge';
import { summarize } from './summaries';

export { summarize } from './summaries';

export interface TimelineEntry {
  event: ParleyEvent;
  position: bigint;
  recordedAt: string;
  countsFrom: string;
  precision: DatePrecision;
  summary: string;
  correction?: { eventId: string; recordedAt: string };
}

export interface TimelineQuery {
  negotiation?: string;
  issue?: string;
  /** Events by or about the party (see `involves`). */
  party?: string;
  types?: readonly string[];
  /** Inclusive bounds on countsFrom; a partial bound covers its window ("2018" = 2018-01-01 … 2018-12-31). */
  from?: string;
  to?: string;
}

/**
 * Whether an event is by or about a party: its own party, a party launching or agreeing, a threat's
 * target, a tariff's targets ("*" includes every country) or an exemption's beneficiaries.
 */
export const involves = (event: ParleyEvent, party: string): boolean => {
  if (event.party === party) return true;
  switch (event.type) {
    case 'NegotiationLaunched':
    case 'AgreementReached':
      return event.data.parties.includes(party);
    case 'ThreatIssued':
      return event.data.target === party;
    case 'TariffAnnounced':
    case 'TariffImposed':
    case 'TariffLifted':
      return event.data.targets.includes(party) || (event.data.targets.includes('*') && /^[A-Z]{2}$/.test(party));
    case 'ExemptionGranted':
      return event.data.beneficiaries.includes(party);
    default:
      return false;
  }
};

const toEntry = ({ event, position, recordedAt, countsFrom: counts, correction }: EffectiveEvent): TimelineEntry => ({
  event,
  position,
  recordedAt,
  countsFrom: counts,
  precision: precisionOf(event.occurredAt),
  summary: summarize(event),
  ...(correction ? { correction } : {}),
});

/** The events matching every filter given, in the order given (valid time), each with a one-line summary. */
export const timeline = (events: readonly EffectiveEvent[], q: TimelineQuery): TimelineEntry[] => {
  const from = q.from === undefined ? undefined : windowStart(q.from);
  const to = q.to === undefined ? undefined : countsFrom(q.to);
  const types = q.types === undefined ? undefined : new Set(q.types);
  return events
    .filter(({ event, countsFrom: counts }) =>
      (q.negotiation === undefined || event.negotiation === q.negotiation) &&
      (q.issue === undefined || event.issue === q.issue) &&
      (q.party === undefined || involves(event, q.party)) &&
      (types === undefined || types.has(event.type)) &&
      (from === undefined || counts >= from) &&
      (to === undefined || counts <= to))
    .map(toEntry);
};
