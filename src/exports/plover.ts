import { EventType, ParleyEvent, StoredEvent, validWindowOf } from '../../events';

/**
 * Parley's event types in PLOVER (openeventdata/PLOVER, PLOVER_MANUAL.tex): category, mode and quad
 * code. PLOVER codes no plain commentary, so statements and deadlines have no record; corrections and
 * retractions are applied before export rather than exported. The current manual names the demand
 * category REQUEST (DEMAND in PLOVER's first drafts and its CAMEO table).
 */
export interface PloverMapping {
  event: string;
  mode: string | null;
  /** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  quad: 1 | 2 | 3 | 4;
}

export const PLOVER_MAPPING: Readonly<Record<EventType, PloverMapping | null>> = {
  NegotiationLaunched: { event: 'CONSULT', mode: null, quad: 1 },
  RoundHeld: { event: 'CONSULT', mode: null, quad: 1 },
  OfferMade: { event: 'AGREE', mode: null, quad: 1 },
  CounterofferMade: { event: 'AGREE', mode: null, quad: 1 },
  AgreementReached: { event: 'AGREE', mode: null, quad: 1 },
  PositionWithdrawn: { event: 'CONCEDE', mode: null, quad: 1 },
  DemandTabled: { event: 'REQUEST', mode: 'change', quad: 3 },
  ProposalRejected: { event: 'REJECT', mode: 'change', quad: 3 },
  ThreatIssued: { event: 'THREATEN', mode: null, quad: 3 },
  TariffAnnounced: { event: 'THREATEN', mode: 'restrict', quad: 3 },
  TariffImposed: { event: 'SANCTION', mode: 'discontinue', quad: 3 },
  TariffLifted: { event: 'CONCEDE', mode: null, quad: 1 },
  ExemptionGranted: { event: 'CONCEDE', mode: null, quad: 1 },
  ProbeLaunched: { event: 'ACCUSE', mode: 'investigate', quad: 3 },
  ProbeConcluded: null,
  StatementIssued: null,
  DeadlineSet: null,
  EventCorrected: null,
  EventRetracted: null,
};

/** A PLOVER JSON record (the manual's field names), with Parley's own fields kept under `parley`. */
export interface PloverRecord {
  id: string;
  date: string;
  enddate?: string;
  actor: string[];
  recipient: string[];
  event: string[];
  mode: string[];
  quad_code: number;
  event_text: string[];
  cite_info: { publisher?: string; title?: string; url?: string; published?: string; document?: string };
  comment: string;
  parley: { type: EventType; negotiation: string; issue: string | null; occurredAt: string; confidence: string; position: string };
}

/** Who an event is aimed at, where the catalog says: targets of a measure, a threat's target, an agreement's other parties. */
const recipientsOf = (event: ParleyEvent): string[] => {
  const data = event.data as Record<string, unknown>;
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '*') : []);
  const others = (parties: string[]) => parties.filter((p) => p !== event.party);
  if (Array.isArray(data.targets)) return list(data.targets);
  if (typeof data.target === 'string') return [data.target];
  if (Array.isArray(data.parties)) return others(list(data.parties));
  return [];
};

/** PLOVER dates are days: an event dated to a month, a year or an interval becomes its valid-time window. */
const dayWindowOf = (event: ParleyEvent): { date: string; enddate?: string } => {
  const { from, to } = validWindowOf(event);
  return from === to ? { date: from } : { date: from, enddate: to };
};

export const toPlover = (stored: StoredEvent, event: ParleyEvent): PloverRecord | null => {
  const mapping = PLOVER_MAPPING[event.type];
  if (!mapping) return null;
  const actor = event.party ? [event.party] : Array.isArray((event.data as { parties?: unknown }).parties) ? ((event.data as { parties: string[] }).parties) : [];
  const source = event.source ?? {};
  return {
    id: event.id,
    ...dayWindowOf(event),
    actor,
    recipient: recipientsOf(event),
    event: [mapping.event],
    mode: mapping.mode ? [mapping.mode] : [],
    quad_code: mapping.quad,
    event_text: source.quote ? [source.quote] : [],
    cite_info: { publisher: source.publisher, title: source.title, url: source.url, published: source.publishedAt, document: source.document },
    comment: `Parley ${event.type}, confidence ${event.confidence}`,
    parley: {
      type: event.type, negotiation: event.negotiation, issue: event.issue ?? null, occurredAt: event.occurredAt,
      confidence: event.confidence, position: stored.position.toString(),
    },
  };
};
