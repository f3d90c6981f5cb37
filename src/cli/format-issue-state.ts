import { AgreedAnswer, AnsweredTerm, IssueAnswer, PositionTerm } from '../../projections';
import { confidenceMark, describeSourceRef, formatWindow, minConfidenceNote } from './format-provenance';
import { table } from './table';

export const formatTerm = (term: Pick<PositionTerm, 'value' | 'unit' | 'text'> | null | undefined): string =>
  !term ? '—' : term.value !== undefined ? `${term.value} ${term.unit}` : (term.text ?? '');

/** A value with its confidence marked. */
const formatAnswered = (term: AnsweredTerm): string => `${formatTerm(term)}${confidenceMark(term.confidence)}`;

/** What the term says in words, where that is more than the value: a numeric term's own text, its note. */
const wording = (term: AnsweredTerm): string =>
  [term.value !== undefined ? term.text : undefined, term.note].filter(Boolean).join(' — ');

/** The whole phase-in, the step in force on asOf marked. */
const scheduleLines = (key: string, term: AgreedAnswer): string[] =>
  term.schedule === undefined
    ? []
    : ['', `Schedule of ${key}${term.inForce === null ? ' (no step in force yet)' : ''}:`,
        table(['from', 'value', ''], term.schedule.map((step) => [
          step.from, `${step.value} ${term.unit}`, term.inForce?.from === step.from ? '← in force' : '',
        ]))];

/** A table per party (term, value, wording, since, event, source), the gaps, the agreement and what is possible. */
export const formatIssueState = (state: IssueAnswer): string => {
  const lines = [
    `${state.negotiation} / ${state.issue} — ${state.status} as of ${state.asOf} (known at ${state.knownAt})`,
    `${state.eventCount} event(s), last ${state.lastEventAt ?? '—'}`,
    ...minConfidenceNote(state.minConfidence),
  ];
  for (const [party, terms] of Object.entries(state.positions)) {
    lines.push('', `${party}:`, table(
        ['term', 'position', 'wording', 'since', 'by', 'source'],
        Object.entries(terms).map(([key, t]) => [key, formatAnswered(t), wording(t), t.since, t.eventType, describeSourceRef(t.source)]),
      ),
    );
  }
  const gaps = Object.entries(state.gaps);
  if (gaps.length) {
    lines.push('', 'Gaps (same term, same unit):', table(['term', 'low', 'high', 'spread'], gaps.map(([key, g]) => [key, `${g.min} ${g.unit} (${g.low.join(', ')})`, `${g.max} ${g.unit} (${g.high.join(', ')})`, `${g.spread} ${g.unit}`])));
  }
  if (state.agreed) {
    const agreed = Object.entries(state.agreed);
    lines.push('', 'Agreed:', table(['term', 'agreed', 'in force', 'wording', 'since', 'source'], agreed.map(([key, t]) => [
      key, formatAnswered(t), t.inForce ? `${t.inForce.value} ${t.unit} since ${t.inForce.from}` : t.inForce === null ? 'not yet' : '', wording(t), t.since, describeSourceRef(t.source),
    ])));
    for (const [key, term] of agreed) lines.push(...scheduleLines(key, term));
  }
  if (state.possible.length) {
    lines.push('', 'Possibly by this date (dated to a window still open on this day):', table(['window', 'party', 'event', 'term', 'confidence'], state.possible.map((p) => [
      formatWindow(p.window), p.party ?? '—', p.eventType, p.term ? `${p.metric} ${formatTerm(p.term)}` : '—', p.confidence,
    ])));
  }
  if (state.eventCount === 0 && state.possible.length === 0) lines.push('', 'Nothing recorded on this issue by this day (see `parley timeline`).');
  return lines.join('\n');
};
