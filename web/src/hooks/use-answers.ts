import { useCallback, useMemo, useState } from 'preact/hooks';
import { api, NegotiationSummary, StoredEvent } from '../api';
import { todayDay } from '../model';
import type { ViewParams } from '../url-state';
import { useApi } from './use-api';

/** Which answers an arriving event can change (so one live event refetches only those). */
export type Topic = 'negotiations' | 'timeline' | 'corrections' | 'issue' | 'tariffs' | 'probes';
const ALL: Topic[] = ['negotiations', 'timeline', 'corrections', 'issue', 'tariffs', 'probes'];

export const topicsOf = (event: StoredEvent, issue: string | undefined): Topic[] => {
  const topics: Topic[] = ['timeline'];
  if (event.type === 'NegotiationLaunched') topics.push('negotiations');
  if (event.type === 'EventCorrected' || event.type === 'EventRetracted') return ALL;
  if (event.type.startsWith('Tariff') || event.type === 'ExemptionGranted') topics.push('tariffs');
  if (event.type.startsWith('Probe')) topics.push('probes');
  if (event.issue && event.issue === issue) topics.push('issue');
  return topics;
};

/** The issue with the most events in the negotiation's timeline (the first in the listing when none has any). */
const busiestIssue = (listing: NegotiationSummary, issues: Array<string | undefined>): string | undefined => {
  const counts = new Map<string, number>();
  for (const issue of issues) if (issue && listing.issues.includes(issue)) counts.set(issue, (counts.get(issue) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? listing.issues[0];
};

/**
 * Every API answer the page shows for the view, each asked once per change of what it depends
 * on: the negotiations; then the negotiation's timeline and corrections; then (the default issue
 * and day come from the timeline) the issue's replay and state, tariffs and probes.
 */
export const useAnswers = (view: ViewParams, tariffTarget: string | undefined) => {
  const [versions, setVersions] = useState<Record<Topic, number>>({ negotiations: 0, timeline: 0, corrections: 0, issue: 0, tariffs: 0, probes: 0 });
  const refresh = useCallback((topics: Topic[] = ALL) => {
    setVersions((v) => {
      const next = { ...v };
      for (const topic of topics) next[topic] += 1;
      return next;
    });
  }, []);

  const negotiations = useApi('negotiations', (s) => api.negotiations(s), versions.negotiations);
  const list = negotiations.data?.negotiations ?? [];
  const listing = list.find((n) => n.negotiation === view.negotiation) ?? (view.negotiation ? undefined : list.find((n) => n.issues.length > 0) ?? list[0]);
  const n = listing?.negotiation;

  const confidence = view.minConfidence ?? '';
  const timeline = useApi(
    n ? `${n}|${view.knownAt ?? ''}|${confidence}` : null,
    (s) => api.timeline(n as string, view.knownAt, view.minConfidence, s),
    versions.timeline,
  );
  const corrections = useApi(n ? n : null, (s) => api.corrections(n as string, s), versions.corrections);
  const timelineFits = timeline.data !== null && timeline.dataKey === timeline.key;

  const issue = listing
    ? view.issue && listing.issues.includes(view.issue)
      ? view.issue
      : timelineFits
        ? busiestIssue(listing, timeline.data!.entries.map((e) => e.event.issue))
        : undefined
    : undefined;

  /** The day the page opens on: the negotiation's last event day (not today). */
  const lastEventDay = useMemo(() => {
    if (!timelineFits) return undefined;
    const days = timeline.data!.entries.map((e) => e.countsFrom).sort();
    return days[days.length - 1] ?? todayDay();
  }, [timeline.data, timelineFits]);
  const asOf = view.asOf ?? lastEventDay;
  const at = { asOf, knownAt: view.knownAt, minConfidence: view.minConfidence };

  const replay = useApi(n && issue ? `${n}|${issue}|${view.knownAt ?? ''}` : null, (s) => api.replay(n as string, issue as string, view.knownAt, s), versions.issue);
  const state = useApi(
    n && issue && asOf ? `${n}|${issue}|${asOf}|${view.knownAt ?? ''}|${confidence}` : null,
    (s) => api.issueState(n as string, issue as string, at, s),
    versions.issue,
    40,
  );
  const tariffs = useApi(
    asOf ? `${asOf}|${view.knownAt ?? ''}|${tariffTarget ?? ''}|${confidence}` : null,
    (s) => api.tariffs({ ...at, target: tariffTarget }, s),
    versions.tariffs,
    80,
  );
  const probes = useApi(n && asOf ? `${n}|${asOf}|${view.knownAt ?? ''}|${confidence}` : null, (s) => api.probes({ ...at, negotiation: n }, s), versions.probes, 80);

  return { negotiations, list, listing, n, issue, asOf, lastEventDay, timeline, corrections, replay, state, tariffs, probes, refresh };
};
