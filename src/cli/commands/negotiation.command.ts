import { QueryBus } from '@nestjs/cqrs';
import { NegotiationAnswer } from '../../../projections';
import { confidenceMark, formatPossible, minConfidenceNote } from '../format-provenance';
import { GetNegotiationOverview } from '../../queries/negotiation-overview.query';
import { StoreFlags, withApp } from '../boot';
import { PointInTimeFlags, pointInTimeFrom } from '../point-in-time-flags';
import { print } from '../print';
import { table } from '../table';

const deadline = (d: NegotiationAnswer['deadlinesAhead'][number]): string =>
  `${d.deadline}${d.precision === 'day' ? '' : ` (${d.precision} precision)`} ${d.what}${d.possible ? ' (possibly set by now)' : ''}${confidenceMark(d.confidence)}`;

const statements = (o: NegotiationAnswer): string[] => {
  const latest = Object.entries(o.latestStatements);
  if (latest.length === 0) return [];
  return ['', 'Latest statements:', table(['actor', 'date', 'speaker', 'quote'], latest.map(([actor, s]) => [
    actor, s.occurredAt, s.speaker, `"${s.quote.length > 100 ? `${s.quote.slice(0, 99)}…` : s.quote}"${confidenceMark(s.confidence)}`,
  ]))];
};

const render = (o: NegotiationAnswer): string =>
  [
    `${o.title ?? o.negotiation} — as of ${o.asOf}`,
    ...minConfidenceNote(o.minConfidence),
    `parties: ${o.parties.join(', ') || '—'}`,
    `other actors: ${o.otherActors.join(', ') || '—'}`,
    `rounds held (recorded): ${o.rounds.held}${o.rounds.last ? ` (last: ${o.rounds.last.round}, ${o.rounds.last.location})` : ''}`,
    `deadlines ahead: ${o.deadlinesAhead.map(deadline).join('; ') || '—'}`,
    `threats: ${o.threats.map((t) => `${t.party ?? '?'}: ${t.threat}${confidenceMark(t.confidence)}`).join('; ') || '—'}`,
    `open probes: ${o.openProbes.map((p) => `${p.authority} on ${p.subject} (since ${p.since})${confidenceMark(p.confidence)}`).join('; ') || '—'}`,
    '',
    table(['issue', 'status', 'events', 'last'], o.issues.map((i) => [i.issue, i.status, String(i.eventCount), i.lastEventAt ?? '—'])),
    ...statements(o),
    ...formatPossible(o.possible),
  ].join('\n');

/** `parley negotiation N`: the overview as of a day. */
export const negotiationCommand = async (negotiation: string, flags: StoreFlags & PointInTimeFlags & { json?: boolean }): Promise<void> =>
  withApp(flags, async (app) => print(await app.get(QueryBus).execute(new GetNegotiationOverview({ negotiation, ...pointInTimeFrom(flags) })), flags.json, render));
