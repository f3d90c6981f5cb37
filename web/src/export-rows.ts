/** The rows an export holds: exactly what the table or the list shows, one row per cell or event. */
import type { IssueState } from './api';
import type { EventView } from './events-view';

export const stateRows = (state: IssueState): Array<Record<string, unknown>> => {
  const rows: Array<Record<string, unknown>> = [];
  for (const [party, terms] of Object.entries(state.positions)) {
    for (const [metric, term] of Object.entries(terms)) {
      const t = term as typeof term & { confidence?: string; note?: string; scope?: string };
      rows.push({
        negotiation: state.negotiation, issue: state.issue, asOf: state.asOf, knownAt: state.knownAt, party, metric,
        value: t.value ?? null, unit: t.unit ?? null, text: t.text ?? null, note: t.note ?? null, confidence: t.confidence ?? null,
        since: t.since, eventType: t.eventType, eventId: t.eventId,
        gap: state.gaps[metric]?.spread ?? null,
      });
    }
  }
  for (const [metric, term] of Object.entries(state.agreed ?? {})) {
    rows.push({
      negotiation: state.negotiation, issue: state.issue, asOf: state.asOf, knownAt: state.knownAt, party: 'agreed', metric,
      value: term.value ?? null, unit: term.unit ?? null, text: term.text ?? null, note: null, confidence: (term as { confidence?: string }).confidence ?? null,
      since: term.since, eventType: term.eventType, eventId: term.eventId, gap: null,
    });
  }
  return rows;
};

export const eventRows = (views: readonly EventView[], isCounted: (v: EventView) => boolean): Array<Record<string, unknown>> =>
  views.map((v) => {
    const e = v.entry.event;
    return {
      id: e.id, type: e.type, negotiation: e.negotiation, issue: e.issue ?? null, party: e.party ?? null, occurredAt: e.occurredAt,
      precision: v.entry.precision, countsFrom: v.entry.countsFrom, counted: isCounted(v), confidence: e.confidence ?? null,
      summary: v.entry.summary, recordedAt: v.entry.recordedAt, marks: v.marks.map((m) => m.kind).join(' ') || null,
      sourceTitle: e.source?.title ?? null, sourcePublisher: e.source?.publisher ?? null, sourcePublishedAt: e.source?.publishedAt ?? null,
      sourceUrl: e.source?.url ?? null, quote: e.source?.quote ?? null, data: e.data,
    };
  });
