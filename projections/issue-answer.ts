import { AgreedTerm, Confidence, DayWindow, ParleyEvent, ScheduleStep, Term, validWindowOf } from '../events';
import { StepInForce, stepInForce } from './agreement-schedule';
import { IssueState } from './issue-fold';
import { EffectiveEvent } from './knowledge';
import { possibleOn } from './possible';
import { PositionTerm, termKey } from './position-terms';
import { eventsById, Provenance, provenanceById } from './provenance';
import { summarize } from './summaries';

/** A held or agreed term as answered: the fold's term, what it says in words, and where it comes from. */
export interface AnsweredTerm extends PositionTerm, Provenance {
  metric: string;
  /** The term's scope; the key is "metric@scope" (see termKey). */
  scope?: string;
  /** The term's own wording (for a numeric term too: "75 percent for high-value parts"). */
  text?: string;
  note?: string;
  /** The event's valid-time window: when it happened, as bounded by its report. */
  window: DayWindow;
}

export interface AgreedAnswer extends AnsweredTerm {
  schedule?: ScheduleStep[];
  /** With a schedule: the step in force on asOf (null before the first step). */
  inForce?: StepInForce | null;
}

/** A term of an event that may already have happened on asOf (its window is open), not yet counted. */
export interface PossibleTerm {
  eventId: string;
  eventType: ParleyEvent['type'];
  party: string | null;
  /** The term's key (metric or metric@scope); null for an event without terms (a rejection, a statement). */
  metric: string | null;
  term: Term | null;
  window: DayWindow;
  confidence: Confidence;
  /** The event in one line. */
  summary: string;
}

export interface IssueAnswer extends Omit<IssueState, 'positions' | 'agreed'> {
  positions: Record<string, Record<string, AnsweredTerm>>;
  agreed: null | Record<string, AgreedAnswer>;
  possible: PossibleTerm[];
  /** The least confidence an event needed to be counted; null: every event counted. */
  minConfidence: Confidence | null;
}

const termsOf = (event: ParleyEvent | undefined): readonly (Term | AgreedTerm)[] =>
  event !== undefined && 'terms' in event.data ? (event.data.terms as readonly (Term | AgreedTerm)[]) : [];

/** The term an event holds under `key` (the last one, as the fold keeps). */
const sourceTerm = (event: ParleyEvent | undefined, key: string): Term | AgreedTerm | undefined =>
  termsOf(event).filter((term) => termKey(term) === key).pop();

const answerTerm = (byId: ReadonlyMap<string, ParleyEvent>, key: string, held: PositionTerm): AnsweredTerm => {
  const event = byId.get(held.eventId);
  const term = sourceTerm(event, key);
  return {
    ...held,
    ...provenanceById(byId, held.eventId),
    metric: term?.metric ?? key,
    ...(term?.scope !== undefined ? { scope: term.scope } : {}),
    ...(term?.text !== undefined ? { text: term.text } : {}),
    ...(term?.note ? { note: term.note } : {}),
    window: event ? validWindowOf(event) : { from: held.since, to: held.since },
  };
};

const answerAgreed = (byId: ReadonlyMap<string, ParleyEvent>, key: string, held: PositionTerm, asOf: string): AgreedAnswer => {
  const answered = answerTerm(byId, key, held);
  const term = sourceTerm(byId.get(held.eventId), key);
  const schedule = term !== undefined && 'schedule' in term ? term.schedule : undefined;
  return schedule === undefined ? answered : { ...answered, schedule, inForce: stepInForce(schedule, asOf) };
};

const mapEntries = <A, B>(record: Readonly<Record<string, A>>, f: (key: string, value: A) => B): Record<string, B> => {
  const out: Record<string, B> = {};
  for (const key of Object.keys(record)) out[key] = f(key, record[key]);
  return out;
};

const possibleTerms = (events: readonly EffectiveEvent[], state: IssueState): PossibleTerm[] =>
  possibleOn(events, state.asOf, (e) => e.negotiation === state.negotiation && e.issue === state.issue).flatMap(({ event, window }): PossibleTerm[] => {
    const base = { eventId: event.id, eventType: event.type, party: event.party ?? null, window, confidence: event.confidence, summary: summarize(event) };
    const terms = termsOf(event);
    if (terms.length === 0) return [{ ...base, metric: null, term: null }];
    return terms.map((term) => ({ ...base, metric: termKey(term), term }));
  });

/**
 * The issue's state as answered: every position and agreed term with its provenance, wording and
 * window; the step of a phase-in in force; and what may already have happened by asOf. `events`
 * are those the state was folded from (the same knowledge, the same confidence floor).
 */
export const answerIssueState = (
  state: IssueState,
  events: readonly EffectiveEvent[],
  minConfidence: Confidence | null = null,
): IssueAnswer => {
  const byId = eventsById(events);
  return {
    ...state,
    positions: mapEntries(state.positions, (_party, terms) => mapEntries(terms, (key, held) => answerTerm(byId, key, held))),
    agreed: state.agreed === null ? null : mapEntries(state.agreed, (key, held) => answerAgreed(byId, key, held, state.asOf)),
    possible: possibleTerms(events, state),
    minConfidence,
  };
};
