/**
 * The negotiation's events as the page shows them at a moment of knowledge: the timeline's entries
 * (corrections applied, retractions removed, by the API) plus what the page marks on them — which
 * were corrected or retracted by then, which will be later, and the retracted ones themselves.
 */
import type { StoredEvent, TimelineEntry } from './api';
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

const recordedBy = (event: StoredEvent, bound: string | undefined) => bound === undefined || event.recordedAt <= bound;

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
 * Joins the timeline with the negotiation's corrections and retractions (`originals` holds the
 * stored originals of retracted events, fetched by id).
 */
export const eventViews = (
  entries: readonly TimelineEntry[],
  corrections: readonly StoredEvent[],
  originals: ReadonlyMap<string, StoredEvent>,
  knownAt: string | undefined,
): EventView[] => {
  const bound = knownAtBound(knownAt);
  const known = corrections.filter((c) => recordedBy(c, bound));
  // A retraction of a correction or retraction undoes it (one level, as the API does for the common case).
  const undone = new Set(known.filter((c) => c.type === 'EventRetracted').map(target));
  const standing = known.filter((c) => !undone.has(c.id));
  const marksOf = new Map<string, KnowledgeMark[]>();
  const mark = (id: string | undefined, m: KnowledgeMark) => {
    if (id === undefined) return;
    marksOf.set(id, [...(marksOf.get(id) ?? []), m]);
  };
  for (const c of corrections) {
    const now = standing.includes(c);
    const later = !recordedBy(c, bound);
    if (!now && !later) continue;
    if (c.type === 'EventCorrected') mark(target(c), { kind: now ? 'corrected' : 'corrected-later', by: c });
    else mark(target(c), { kind: now ? 'retracted' : 'retracted-later', by: c });
  }
  const views: EventView[] = entries.map((entry) => ({ id: entry.event.id, entry, retracted: false, marks: marksOf.get(entry.event.id) ?? [] }));
  const shown = new Set(views.map((v) => v.id));
  for (const c of standing) {
    const id = target(c);
    if (c.type !== 'EventRetracted' || id === undefined || shown.has(id)) continue;
    const original = originals.get(id);
    if (!original || original.type === 'EventCorrected' || original.type === 'EventRetracted' || !recordedBy(original, bound)) continue;
    views.push({ id, entry: asEntry(original), retracted: true, marks: marksOf.get(id) ?? [] });
    shown.add(id);
  }
  return views.sort((a, b) => a.entry.countsFrom.localeCompare(b.entry.countsFrom) || a.entry.position - b.entry.position);
};

/** The ids whose stored originals the page needs: targets of corrections and retractions. */
export const originalIds = (corrections: readonly StoredEvent[]): string[] =>
  [...new Set(corrections.map(target).filter((id): id is string => id !== undefined))];
