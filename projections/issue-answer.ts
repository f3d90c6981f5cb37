import { AgreedTerm, Confidence, DayWindow, ParleyEvent, ScheduleStep, Term, validWindowOf, windowStart } from '../events';
import { StepInForce, stepInForce } from './agreement-schedule';
import { IssueState } from './issue-fold';
import { EffectiveEvent } from './knowledge';
import { PositionTerm, termKey } from './position-terms';
import { EventLookup, eventLookup } from './event-lookup';
import { Provenance, provenanceById } from './provenance';
import { sharedPart } from './shared-parts';
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

type ById = (id: string) => ParleyEvent | undefined;

const answerTerm = (event: ParleyEvent | undefined, key: string, held: PositionTerm): AnsweredTerm => {
  const term = sourceTerm(event, key);
  const provenance = provenanceById(() => event, held.eventId);
  // Built field by field: conditional spreads cost several times more.
  const answered: AnsweredTerm = {
    ...held,
    confidence: provenance.confidence,
    source: provenance.source,
    metric: term?.metric ?? key,
    window: event ? validWindowOf(event) : { from: held.since, to: held.since },
  };
  if (term?.scope !== undefined) answered.scope = term.scope;
  if (term?.text !== undefined) answered.text = term.text;
  if (term?.note) answered.note = term.note;
  return answered;
};

/**
 * Answered terms by the fold's term they answer. States share every term no later event replaced
 * (snapshots, the index's folds), so nearly all of an answer's terms were answered before: a term
 * is answered again only when its key or the event it rests on (a correction) differs. Answers are
 * read-only; the shared terms are frozen so that a caller mutating one fails loudly.
 */
const answeredTerms = new WeakMap<PositionTerm, { key: string; event: ParleyEvent | undefined; answered: AnsweredTerm }>();

const answeredTerm = (byId: ById, key: string, held: PositionTerm): AnsweredTerm => {
  const event = byId(held.eventId);
  const known = answeredTerms.get(held);
  if (known !== undefined && known.key === key && known.event === event) return known.answered;
  const answered = Object.freeze(answerTerm(event, key, held));
  answeredTerms.set(held, { key, event, answered });
  return answered;
};

const answerAgreed = (byId: ById, key: string, held: PositionTerm, asOf: string): AgreedAnswer => {
  const answered = answeredTerm(byId, key, held);
  const term = sourceTerm(byId(held.eventId), key);
  const schedule = term !== undefined && 'schedule' in term ? term.schedule : undefined;
  return schedule === undefined ? answered : { ...answered, schedule, inForce: stepInForce(schedule, asOf) };
};

const mapEntries = <A, B>(record: Readonly<Record<string, A>>, f: (key: string, value: A) => B): Record<string, B> => {
  const out: Record<string, B> = {};
  for (const key of Object.keys(record)) out[key] = f(key, record[key]);
  return out;
};

/** An event's possible terms on any day its window is open (they depend on the event alone, and are shared). */
const possibleTermsByEvent = new WeakMap<ParleyEvent, readonly PossibleTerm[]>();

const possibleTermsOf = ({ event, countsFrom }: EffectiveEvent): readonly PossibleTerm[] => {
  let possible = possibleTermsByEvent.get(event);
  if (possible === undefined) {
    // The event's valid-time window (validWindowOf): it opens where its occurredAt does and ends on the day it counts from.
    const window = { from: windowStart(event.occurredAt), to: countsFrom };
    const base = { eventId: event.id, eventType: event.type, party: event.party ?? null, window, confidence: event.confidence, summary: summarize(event) };
    const terms = termsOf(event);
    // Each shared (see partyAnswered), with a copy of the event's term: a shared part is frozen all the way down.
    possible = terms.length === 0 ? [sharedPart({ ...base, metric: null, term: null })] : terms.map((term) => sharedPart({ ...base, metric: termKey(term), term: structuredClone(term) }));
    possibleTermsByEvent.set(event, possible);
  }
  return possible;
};

/** The terms of this issue's events possible on asOf (as possibleOn defines it), from the events open on that day. */
const possibleTerms = (open: readonly EffectiveEvent[], state: IssueState): PossibleTerm[] => {
  const terms: PossibleTerm[] = [];
  for (const effective of open) {
    if (effective.event.negotiation === state.negotiation && effective.event.issue === state.issue) terms.push(...possibleTermsOf(effective));
  }
  return terms;
};

/**
 * A party's answered terms by the fold's record of that party's terms and the lookup they were
 * answered over. States share the record of every party no later event changed (and the as-of index
 * hands out the same state for every day that counts the same events), so most questions find each
 * party answered already (a lookup answers the same event for an id for as long as it lives).
 */
const answeredParties = new WeakMap<Readonly<Record<string, PositionTerm>>, { lookup: EventLookup; terms: Record<string, AnsweredTerm> }>();

const partyAnswered = (held: Readonly<Record<string, PositionTerm>>, lookup: EventLookup, byId: ById): Record<string, AnsweredTerm> => {
  const known = answeredParties.get(held);
  if (known !== undefined && known.lookup === lookup) return known.terms;
  const terms = sharedPart(mapEntries(held, (key, term) => answeredTerm(byId, key, term)));
  answeredParties.set(held, { lookup, terms });
  return terms;
};

/**
 * The issue's state as answered: every position and agreed term with its provenance, wording and
 * window; the step of a phase-in in force; and what may already have happened by asOf. `events`
 * are those the state was folded from (the same knowledge, the same confidence floor), or a lookup
 * over them, so that an answer costs what it shows rather than the length of the history.
 */
export const answerIssueState = (
  state: IssueState,
  events: readonly EffectiveEvent[] | EventLookup,
  minConfidence: Confidence | null = null,
): IssueAnswer => {
  const lookup = isLookup(events) ? events : eventLookup(events);
  const byId: ById = (id) => lookup.event(id);
  return {
    negotiation: state.negotiation,
    issue: state.issue,
    asOf: state.asOf,
    knownAt: state.knownAt,
    status: state.status,
    positions: mapEntries(state.positions, (_party, held) => partyAnswered(held, lookup, byId)),
    gaps: state.gaps,
    agreed: state.agreed === null ? null : mapEntries(state.agreed, (key, held) => answerAgreed(byId, key, held, state.asOf)),
    eventCount: state.eventCount,
    lastEventAt: state.lastEventAt,
    possible: possibleTerms(lookup.openOn(state.asOf), state),
    minConfidence,
  };
};

const isLookup = (events: readonly EffectiveEvent[] | EventLookup): events is EventLookup => !Array.isArray(events);
