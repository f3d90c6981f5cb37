import { Confidence, countsFrom, DatePrecision, EventOfType, ParleyEvent, precisionOf } from '../events';
import { EffectiveEvent } from './knowledge';
import { byDeadline, Deadline, RoundSummary } from './negotiation-calendar';
import { NegotiationOverview, ThreatSummary } from './negotiation-overview';
import { OpenProbe } from './open-probes';
import { PossibleEvent, possibleEvent, possibleOn } from './possible';
import { eventsById, Provenance, provenanceById, provenanceOf } from './provenance';

export interface AnsweredDeadline extends Deadline, Provenance {
  /** The deadline's precision: "2026" may fall on any day of 2026. */
  precision: DatePrecision;
  /** Set by an event that may have happened by asOf but does not count yet (its window is open). */
  possible?: true;
}

export interface LatestStatement extends Provenance {
  occurredAt: string;
  speaker: string;
  quote: string;
  stance: string | null;
}

export interface NegotiationAnswer
  extends Omit<NegotiationOverview, 'deadlinesAhead' | 'deadlinesPassed' | 'threats' | 'openProbes' | 'rounds'> {
  /** The parties its NegotiationLaunched events (and agreements) name, counted by asOf. */
  parties: string[];
  /** Everyone else who acted or spoke in it by asOf: commentators, companies, associations, officials. */
  otherActors: string[];
  rounds: { held: number; last: (RoundSummary & Provenance) | null };
  deadlinesAhead: AnsweredDeadline[];
  deadlinesPassed: AnsweredDeadline[];
  threats: (ThreatSummary & Provenance)[];
  openProbes: (OpenProbe & Provenance)[];
  /** Each actor's latest statement counted by asOf. */
  latestStatements: Record<string, LatestStatement>;
  /** Events of the negotiation whose window contains asOf but has not ended. */
  possible: PossibleEvent[];
  minConfidence: Confidence | null;
}

const isState = (actor: string): boolean => /^[A-Z]{2}$/.test(actor);

/**
 * Parties are who a launch (or an agreement) names; with no launch counted yet, the states that
 * acted. Everyone else is another actor, never a party.
 */
const splitActors = (counted: readonly ParleyEvent[], acted: readonly string[]) => {
  const named = new Set<string>();
  for (const event of counted) {
    if (event.type === 'NegotiationLaunched' || event.type === 'AgreementReached') event.data.parties.forEach((p) => named.add(p));
  }
  const launched = counted.some((e) => e.type === 'NegotiationLaunched');
  const isParty = (actor: string) => named.has(actor) || (!launched && isState(actor));
  const parties = new Set([...named, ...acted.filter(isParty)]);
  return { parties: [...parties].sort(), otherActors: acted.filter((actor) => !parties.has(actor)).sort() };
};

const statementOf = (event: EventOfType<'StatementIssued'> & { id: string }): LatestStatement => ({
  ...provenanceOf(event),
  occurredAt: event.occurredAt,
  speaker: event.data.speaker,
  quote: event.data.quote,
  stance: event.data.stance ?? null,
});

/** The negotiation as answered: parties apart from other actors, provenance, deadline precision, latest words. */
export const answerNegotiation = (
  overview: NegotiationOverview,
  events: readonly EffectiveEvent[],
  minConfidence: Confidence | null = null,
): NegotiationAnswer => {
  const byId = eventsById(events);
  const sourced = <T extends { eventId: string }>(item: T): T & Provenance => ({ ...item, ...provenanceById(byId, item.eventId) });
  const deadline = (item: Deadline): AnsweredDeadline => ({ ...sourced(item), precision: precisionOf(item.deadline) });
  const mine = events.filter(({ event }) => event.negotiation === overview.negotiation);
  const counted = mine.filter(({ countsFrom: day }) => day <= overview.asOf).map(({ event }) => event);
  const latestStatements: Record<string, LatestStatement> = {};
  for (const event of counted) if (event.type === 'StatementIssued' && event.party !== undefined) latestStatements[event.party] = statementOf(event);
  const possible = possibleOn(mine, overview.asOf, () => true);
  const possiblySet = possible
    .map(({ event }) => event)
    .filter((event): event is EventOfType<'DeadlineSet'> & { id: string } => event.type === 'DeadlineSet')
    .map((event) => ({ ...deadline({ deadline: event.data.deadline, what: event.data.what, eventId: event.id }), possible: true as const }));
  // The calendar's own rule: a deadline is passed once asOf reaches the day it counts from.
  const isAhead = (d: Deadline) => countsFrom(d.deadline) > overview.asOf;
  return {
    ...overview,
    ...splitActors(counted, overview.parties),
    rounds: { held: overview.rounds.held, last: overview.rounds.last && sourced(overview.rounds.last) },
    deadlinesAhead: [...overview.deadlinesAhead.map(deadline), ...possiblySet.filter(isAhead)].sort(byDeadline),
    deadlinesPassed: [...overview.deadlinesPassed.map(deadline), ...possiblySet.filter((d) => !isAhead(d))].sort(byDeadline),
    threats: overview.threats.map(sourced),
    openProbes: overview.openProbes.map(sourced),
    latestStatements: sortedKeys(latestStatements),
    possible: possible.map(possibleEvent),
    minConfidence,
  };
};

const sortedKeys = <V>(record: Record<string, V>): Record<string, V> =>
  Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
