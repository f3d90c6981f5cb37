import { countsFrom } from '../events';
import { EffectiveEvent } from './knowledge';

export interface OpenProbe {
  eventId: string;
  negotiation: string;
  party: string | null;
  authority: string;
  subject: string;
  /** The launch's occurredAt, as written. */
  since: string;
}

export interface OpenProbesQuery {
  asOf: string;
  knownAt: string;
  negotiation?: string;
}

export interface OpenProbes {
  asOf: string;
  knownAt: string;
  open: OpenProbe[];
}

/** Valid-time order of launches (a "2018" launch counts after a "2018-05-23" one), then id. */
const compareProbes = (a: OpenProbe, b: OpenProbe): number => {
  const [x, y] = [countsFrom(a.since), countsFrom(b.since)];
  if (x !== y) return x < y ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
};

/**
 * Probes launched by asOf and not concluded by then (a ProbeConcluded naming the probe, from any
 * negotiation, counted by asOf).
 */
export const openProbes = (events: readonly EffectiveEvent[], q: OpenProbesQuery): OpenProbes => {
  const concluded = new Set<string>();
  const launched: OpenProbe[] = [];
  for (const { event, countsFrom: counts } of events) {
    if (counts > q.asOf) continue;
    if (event.type === 'ProbeConcluded') concluded.add(event.data.probe);
    if (event.type !== 'ProbeLaunched' || (q.negotiation !== undefined && event.negotiation !== q.negotiation)) continue;
    const { authority, subject } = event.data;
    launched.push({ eventId: event.id, negotiation: event.negotiation, party: event.party ?? null, authority, subject, since: event.occurredAt });
  }
  const open = launched.filter((probe) => !concluded.has(probe.eventId)).sort(compareProbes);
  return { asOf: q.asOf, knownAt: q.knownAt, open };
};
