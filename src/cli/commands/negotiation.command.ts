import { QueryBus } from '@nestjs/cqrs';
import { NegotiationOverview } from '../../../projections';
import { GetNegotiationOverview } from '../../queries/negotiation-overview.query';
import { StoreFlags, withApp } from '../boot';
import { PointInTimeFlags, pointInTimeFrom } from '../point-in-time-flags';
import { print } from '../print';
import { table } from '../table';

const render = (o: NegotiationOverview): string =>
  [
    `${o.title ?? o.negotiation} — as of ${o.asOf}`,
    `parties: ${o.parties.join(', ') || '—'}`,
    `rounds held: ${o.rounds.held}${o.rounds.last ? ` (last: ${o.rounds.last.round}, ${o.rounds.last.location})` : ''}`,
    `deadlines ahead: ${o.deadlinesAhead.map((d) => `${d.deadline} ${d.what}`).join('; ') || '—'}`,
    `threats: ${o.threats.map((t) => `${t.party ?? '?'}: ${t.threat}`).join('; ') || '—'}`,
    `open probes: ${o.openProbes.map((p) => `${p.authority} on ${p.subject} (since ${p.since})`).join('; ') || '—'}`,
    '',
    table(['issue', 'status', 'events', 'last'], o.issues.map((i) => [i.issue, i.status, String(i.eventCount), i.lastEventAt ?? '—'])),
  ].join('\n');

/** `parley negotiation N`: the overview as of a day. */
export const negotiationCommand = async (negotiation: string, flags: StoreFlags & PointInTimeFlags & { json?: boolean }): Promise<void> =>
  withApp(flags, async (app) => print(await app.get(QueryBus).execute(new GetNegotiationOverview({ negotiation, ...pointInTimeFrom(flags) })), flags.json, render));
