import { KNOWN_ISSUES, ParleyEvent } from '../events';
import { issueState, IssueState, IssueStatus } from './issue-fold';
import { EffectiveEvent } from './knowledge';
import { calendarOf, Deadline, RoundSummary } from './negotiation-calendar';
import { OpenProbe, openProbes } from './open-probes';

export interface ThreatSummary {
  threat: string;
  target: string | null;
  party: string | null;
  since: string;
  eventId: string;
}

export interface IssueSummary {
  issue: string;
  title: string;
  status: IssueStatus;
  eventCount: number;
  lastEventAt: string | null;
}

export interface NegotiationOverview {
  negotiation: string;
  asOf: string;
  knownAt: string;
  title: string | null;
  agreement: string | null;
  parties: string[];
  rounds: { held: number; last: RoundSummary | null };
  deadlinesAhead: Deadline[];
  deadlinesPassed: Deadline[];
  threats: ThreatSummary[];
  openProbes: OpenProbe[];
  issues: IssueSummary[];
  eventCount: number;
  lastEventAt: string | null;
}

export interface OverviewQuery {
  negotiation: string;
  asOf: string;
  knownAt: string;
}

/** The parties an event shows taking part: its own party, those launching or agreeing, a threat's target. */
export const partiesOf = (event: ParleyEvent): string[] => {
  const named = event.party === undefined ? [] : [event.party];
  if (event.type === 'NegotiationLaunched' || event.type === 'AgreementReached') return [...named, ...event.data.parties];
  if (event.type === 'ThreatIssued' && event.data.target !== undefined) return [...named, event.data.target];
  return named;
};

const titleOf = (issue: string): string =>
  Object.hasOwn(KNOWN_ISSUES, issue) ? KNOWN_ISSUES[issue].title : issue;

const issueSummary = (state: IssueState): IssueSummary => ({
  issue: state.issue,
  title: titleOf(state.issue),
  status: state.status,
  eventCount: state.eventCount,
  lastEventAt: state.lastEventAt,
});

/** A negotiation as of a day: who, what was launched, rounds, deadlines, threats, probes and issues. */
export const negotiationOverview = (events: readonly EffectiveEvent[], q: OverviewQuery): NegotiationOverview => {
  const mine = events.filter((e) => e.event.negotiation === q.negotiation);
  const counted = mine.filter((e) => e.countsFrom <= q.asOf);
  const issues = new Map<string, IssueState>();
  for (const e of mine) {
    const issue = e.event.issue;
    if (issue === undefined) continue;
    const state = issues.get(issue) ?? issueState.initial(q.negotiation, issue, q.asOf, q.knownAt);
    issues.set(issue, e.countsFrom <= q.asOf ? issueState.evolve(state, e) : state);
  }
  let launch: (ParleyEvent & { type: 'NegotiationLaunched' }) | undefined;
  const parties = new Set<string>();
  const threats: ThreatSummary[] = [];
  for (const { event } of counted) {
    for (const party of partiesOf(event)) parties.add(party);
    if (event.type === 'NegotiationLaunched') launch = event;
    if (event.type === 'ThreatIssued') {
      threats.push({ threat: event.data.threat, target: event.data.target ?? null, party: event.party ?? null, since: event.occurredAt, eventId: event.id });
    }
  }
  return {
    negotiation: q.negotiation,
    asOf: q.asOf,
    knownAt: q.knownAt,
    title: launch?.data.title ?? null,
    agreement: launch?.data.agreement ?? null,
    parties: [...parties].sort(),
    ...calendarOf(counted, q.asOf),
    threats,
    openProbes: openProbes(events, q).open,
    issues: [...issues.values()].map(issueSummary).sort((a, b) => (a.issue < b.issue ? -1 : a.issue > b.issue ? 1 : 0)),
    eventCount: counted.length,
    lastEventAt: counted.length > 0 ? counted[counted.length - 1].event.occurredAt : null,
  };
};
