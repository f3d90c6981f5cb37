import { ParleyEvent, Term } from '../../events';
import { AgreedAnswer, AnsweredTerm, IssueAnswer, PositionTerm, termKey } from '../../projections';
import { confidenceMark, describeSourceRef, formatWindow, minConfidenceNote } from './format-provenance';
import { table } from './table';

export const formatTerm = (term: Pick<PositionTerm, 'value' | 'unit' | 'text'> | null | undefined): string =>
  !term ? '—' : term.value !== undefined ? `${term.value} ${term.unit}` : (term.text ?? '');

/** A value with its confidence marked. */
const formatAnswered = (term: AnsweredTerm): string => `${formatTerm(term)}${confidenceMark(term.confidence)}`;

/** What the term says in words beyond its value: a numeric term's own text, and its note. */
const wording = (term: Pick<AnsweredTerm, 'value' | 'text' | 'note'>): string =>
  [term.value !== undefined ? term.text : undefined, term.note].filter(Boolean).join(' — ');

type Held = (PositionTerm & Partial<AnsweredTerm>) | null;

/**
 * A change of a held term: "before → after", then what the term now rests on when the answer
 * carries it (diffs of answers do, replay steps of bare folds do not): its confidence mark and wording.
 */
export const formatChange = (before: Held, after: Held): string => {
  const now = after ?? before;
  const words = now ? wording(now) : '';
  const mark = now?.confidence ? confidenceMark(now.confidence) : '';
  return `${formatTerm(before)} → ${formatTerm(after)}${mark}${words ? ` (${words})` : ''}`;
};

/** The wording of each term of an event that has any, one line each ("key: text — note"). */
export const termWording = (event: ParleyEvent): string[] => {
  const terms: readonly Term[] = 'terms' in event.data ? (event.data.terms as readonly Term[]) : [];
  return terms.filter((t) => wording(t) !== '').map((t) => `${termKey(t)}: ${wording(t)}`);
};

/** The wording of each term that has one, under its table (a column would stretch every row). */
const wordingLines = (terms: ReadonlyArray<[string, AnsweredTerm]>): string[] =>
  terms.filter(([, t]) => wording(t) !== '').map(([key, t]) => `  ${key}: ${wording(t)}`);

/** The whole phase-in, the step in force on asOf marked. */
const scheduleLines = (key: string, term: AgreedAnswer): string[] =>
  term.schedule === undefined
    ? []
    : ['', `Schedule of ${key}${term.inForce === null ? ' (no step in force yet)' : ''}:`,
        table(['from', 'value', ''], term.schedule.map((step) => [
          step.from, `${step.value} ${term.unit}`, term.inForce?.from === step.from ? '← in force' : '',
        ]))];

/** A spread between two percentages is in percentage points, not percent. */
export const spreadText = (spread: number, unit: string): string => (unit === 'percent' ? `${spread} percentage points` : `${spread} ${unit}`);

const inForceCell = (t: AgreedAnswer): string =>
  t.inForce ? `${t.inForce.value} ${t.unit} since ${t.inForce.from}` : t.inForce === null ? 'not yet' : '';

/** A table per party (term, value, since, event, source) with the terms' wording, the gaps, the agreement and what is possible. */
export const formatIssueState = (state: IssueAnswer): string => {
  const lines = [
    `${state.negotiation} / ${state.issue} — ${state.status} as of ${state.asOf} (known at ${state.knownAt})`,
    `${state.eventCount} event(s), last ${state.lastEventAt ?? '—'}`,
    ...minConfidenceNote(state.minConfidence),
  ];
  for (const [party, terms] of Object.entries(state.positions)) {
    const rows = Object.entries(terms);
    lines.push('', `${party}:`, table(
        ['metric', 'position', 'since', 'by', 'source'],
        rows.map(([key, t]) => [key, formatAnswered(t), t.since, t.eventType, describeSourceRef(t.source)]),
      ),
      ...wordingLines(rows),
    );
  }
  const gaps = Object.entries(state.gaps);
  if (gaps.length) {
    lines.push('', 'Gaps (same metric and scope, same unit):', table(['metric', 'low', 'high', 'spread'], gaps.map(([key, g]) => [key, `${g.min} ${g.unit} (${g.low.join(', ')})`, `${g.max} ${g.unit} (${g.high.join(', ')})`, spreadText(g.spread, g.unit)])));
  }
  if (state.agreed) {
    const agreed = Object.entries(state.agreed);
    lines.push('', 'Agreed:', table(['metric', 'agreed', 'in force', 'since', 'source'], agreed.map(([key, t]) => [
      key, formatAnswered(t), inForceCell(t), t.since, describeSourceRef(t.source),
    ])), ...wordingLines(agreed));
    for (const [key, term] of agreed) lines.push(...scheduleLines(key, term));
  }
  if (state.possible.length) {
    lines.push('', 'Possibly by this date (dated to a window still open on this day):', table(['window', 'what', 'confidence'], state.possible.map((p) => [
      formatWindow(p.window), p.term ? `${p.party ?? p.eventType}: ${p.metric} ${formatTerm(p.term)}` : p.summary, p.confidence,
    ])));
  }
  const timelineHint = `parley timeline --negotiation ${state.negotiation} --issue ${state.issue}`;
  if (state.eventCount === 0 && state.possible.length === 0) lines.push('', `Nothing recorded on this issue by this day (see \`${timelineHint}\`).`);
  else if (state.eventCount > 0 && Object.keys(state.positions).length === 0) {
    lines.push('', `No party holds a position; its ${state.eventCount} event(s) are in \`${timelineHint} --to ${state.asOf}\`.`);
  }
  return lines.join('\n');
};
