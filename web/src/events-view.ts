/**
 * The negotiation's events as the page shows them at a moment of knowledge: the timeline's entries
 * (corrections applied, retractions removed, by the API) plus what the API's knowledge notes say of
 * them — which were corrected or retracted by then, which only later — and the retracted ones themselves.
 */
import type { KnowledgeNote, StoredEvent, TimelineEntry } from './api';
import { formatTerm, metricLabel, partyName, precisionOf, typeLabel, windowEnd } from './model';

export type KnowledgeMark =
  | { kind: 'corrected'; by: StoredEvent }
  | { kind: 'retracted'; by: StoredEvent }
  | { kind: 'corrected-later'; by: StoredEvent }
  | { kind: 'retracted-later'; by: StoredEvent };

export interface EventView {
  id: string;
  entry: TimelineEntry;
  /** Retracted by the moment of knowledge: shown struck out, not counted. */
  retracted: boolean;
  marks: KnowledgeMark[];
}

/** "2018-06-01" (a whole day, up to its end) or an instant → the last instant it covers. */
export const knownAtBound = (knownAt: string | undefined): string | undefined =>
  knownAt === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(knownAt) ? `${knownAt}T23:59:59.999Z` : new Date(knownAt).toISOString();

const target = (event: StoredEvent): string | undefined =>
  (event.type === 'EventCorrected' ? event.data.corrects : event.type === 'EventRetracted' ? event.data.retracts : undefined) as string | undefined;

/** A one-line summary for an event the timeline no longer returns (a retracted one). */
export const summaryOf = (event: StoredEvent): string => {
  const terms = Array.isArray(event.data.terms)
    ? (event.data.terms as Array<{ metric: string; value?: number; unit?: string; text?: string }>)
        .map((t) => `${metricLabel(t.metric)} ${formatTerm(t)}`)
        .join('; ')
    : '';
  const words = (event.data.quote ?? event.data.threat ?? event.data.subject ?? event.data.title ?? '') as string;
  return `${typeLabel(event.type)}${event.party ? ` by ${partyName(event.party)}` : ''}${terms ? `: ${terms}` : words ? `: ${words}` : ''}`;
};

const asEntry = (event: StoredEvent): TimelineEntry => {
  const { position, recordedAt, ...body } = event;
  const precision = precisionOf(body.occurredAt);
  return { event: body, position, recordedAt, countsFrom: windowEnd(body.occurredAt), precision, summary: summaryOf(event) };
};

/**
 * Joins the timeline with the API's knowledge notes (which events were corrected or retracted by the
 * moment of knowledge, and which only later): marks name the correcting events (from `corrections`),
 * and events retracted by then come back struck out from `originals` (their stored originals).
 */
export const eventViews = (
  entries: readonly TimelineEntry[],
  notes: readonly KnowledgeNote[],
  corrections: readonly StoredEvent[],
  originals: ReadonlyMap<string, StoredEvent>,
): EventView[] => {
  const correctionById = new Map(corrections.map((c) => [c.id, c]));
  const marksOf = new Map<string, KnowledgeMark[]>();
  const mark = (id: string, kind: KnowledgeMark['kind'], by: string | undefined) => {
    const event = by === undefined ? undefined : correctionById.get(by);
    if (event) marksOf.set(id, [...(marksOf.get(id) ?? []), { kind, by: event }]);
  };
  for (const note of notes) {
    if (note.status === 'corrected' || note.status === 'retracted') mark(note.eventId, note.status, note.by);
    if (note.later?.status === 'corrected') mark(note.eventId, 'corrected-later', note.later.by);
    if (note.later?.status === 'retracted') mark(note.eventId, 'retracted-later', note.later.by);
  }
  const views: EventView[] = entries.map((entry) => ({ id: entry.event.id, entry, retracted: false, marks: marksOf.get(entry.event.id) ?? [] }));
  const shown = new Set(views.map((v) => v.id));
  for (const note of notes) {
    if (note.status !== 'retracted' || shown.has(note.eventId)) continue;
    const original = originals.get(note.eventId);
    if (!original || original.type === 'EventCorrected' || original.type === 'EventRetracted') continue;
    views.push({ id: note.eventId, entry: asEntry(original), retracted: true, marks: marksOf.get(note.eventId) ?? [] });
    shown.add(note.eventId);
  }
  return views.sort((a, b) => a.entry.countsFrom.localeCompare(b.entry.countsFrom) || a.entry.position - b.entry.position);
};

/** The ids whose stored originals the page needs: targets of corrections and retractions. */
export const originalIds = (corrections: readonly StoredEvent[]): string[] =>
  [...new Set(corrections.map(target).filter((id): id is string => id !== undefined))];
