import { KNOWN_ISSUES, ParleyEvent } from '../events';
import { activityAfter, IssueActivity, IssueStatus, NO_ACTIVITY } from './issue-status';
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

/** One line of the list of negotiations: what exists, without any one day's state. */
export interface NegotiationListing {
  negotiation: string;
  title: string | null;
  agreement: string | null;
  parties: string[];
  issues: string[];
  eventCount: number;
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

const issueSummary = ([issue, activity]: [string, IssueActivity]): IssueSummary => ({ issue, title: titleOf(issue), ...activity });

/** A negotiation as of a day: who, what was launched, rounds, deadlines, threats, probes and issues. */
export const negotiationOverview = (events: readonly EffectiveEvent[], q: OverviewQuery): NegotiationOverview => {
  const counted: EffectiveEvent[] = [];
  const issues = new Map<string, IssueActivity>();
  const parties = new Set<string>();
  const threats: ThreatSummary[] = [];
  let launch: (ParleyEvent & { type: 'NegotiationLaunched' }) | undefined;
  for (const effective of events) {
    const { event } = effective;
    if (event.negotiation !== q.negotiation) continue;
    const isCounted = effective.countsFrom <= q.asOf;
    if (event.issue !== undefined) {
      const activity = issues.get(event.issue) ?? NO_ACTIVITY;
      issues.set(event.issue, isCounted ? activityAfter(activity, event) : activity);
    }
    if (!isCounted) continue;
    counted.push(effective);
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
    issues: [...issues].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(issueSummary),
    eventCount: counted.length,
    lastEventAt: counted.length > 0 ? counted[counted.length - 1].event.occurredAt : null,
  };
};
