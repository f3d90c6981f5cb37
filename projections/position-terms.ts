import { ParleyEvent, Term } from '../events';

/** A party's (or the agreement's) standing term on one metric, and the event it rests on. */
export interface PositionTerm {
  value?: number;
  unit?: string;
  text?: string;
  /** The event's occurredAt, as written (keeping its precision). */
  since: string;
  eventId: string;
  eventType: string;
}

/** Numeric terms keep value+unit (their text is dropped); qualitative terms keep their text. */
export const positionTerm = (term: Term, event: ParleyEvent): PositionTerm =>
  term.value !== undefined && term.unit !== undefined
    ? { value: term.value, unit: term.unit, since: event.occurredAt, eventId: event.id, eventType: event.type }
    : { text: term.text ?? '', since: event.occurredAt, eventId: event.id, eventType: event.type };

/**
 * The key a term is held under: its metric, or "metric@scope" for a scoped term — a US figure
 * for high-value parts and a Mexican one for the whole vehicle are different things, never one gap.
 */
export const termKey = (term: Pick<Term, 'metric' | 'scope'>): string =>
  term.scope === undefined ? term.metric : `${term.metric}@${term.scope}`;

/** The metric a key names ("regional_value_content@high-value-parts" → "regional_value_content"). */
export const metricOfKey = (key: string): string => key.split('@')[0];

/** The terms of an event by key (a key named twice keeps its last term). */
export const termsByMetric = (terms: readonly Term[], event: ParleyEvent): Record<string, PositionTerm> => {
  const byMetric: Record<string, PositionTerm> = {};
  for (const term of terms) byMetric[termKey(term)] = positionTerm(term, event);
  return byMetric;
};

export const sameTerm = (a: PositionTerm | null, b: PositionTerm | null): boolean =>
  a === b ||
  (a !== null && b !== null &&
    a.value === b.value && a.unit === b.unit && a.text === b.text &&
    a.since === b.since && a.eventId === b.eventId && a.eventType === b.eventType);
