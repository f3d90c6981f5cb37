import { IssueState, PositionTerm } from '../../projections';
import { table } from './table';

export const formatTerm = (term: PositionTerm | null | undefined): string =>
  !term ? '—' : term.value !== undefined ? `${term.value} ${term.unit}` : (term.text ?? '');

/** A table per party (metric, value, since, event) and the gaps between them. */
export const formatIssueState = (state: IssueState, sources: ReadonlyMap<string, string> = new Map()): string => {
  const lines = [
    `${state.negotiation} / ${state.issue} — ${state.status} as of ${state.asOf} (known at ${state.knownAt})`,
    `${state.eventCount} event(s), last ${state.lastEventAt ?? '—'}`,
  ];
  for (const [party, metrics] of Object.entries(state.positions)) {
    lines.push('', `${party}:`, table(
        ['metric', 'position', 'since', 'by', 'source'],
        Object.entries(metrics).map(([metric, t]) => [metric, formatTerm(t), t.since, t.eventType, sources.get(t.eventId) ?? t.eventId]),
      ),
    );
  }
  const gaps = Object.entries(state.gaps);
  if (gaps.length) {
    lines.push('', 'Gaps:', table(['metric', 'low', 'high', 'spread'], gaps.map(([metric, g]) => [metric, `${g.min} ${g.unit} (${g.low.join(', ')})`, `${g.max} ${g.unit} (${g.high.join(', ')})`, `${g.spread} ${g.unit}`])));
  }
  if (state.agreed) lines.push('', 'Agreed:', table(['metric', 'term', 'since'], Object.entries(state.agreed).map(([m, t]) => [m, formatTerm(t), t.since])));
  return lines.join('\n');
};
