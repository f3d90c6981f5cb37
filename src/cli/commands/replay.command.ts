import { QueryBus } from '@nestjs/cqrs';
import { IssueDiff, summarize } from '../../../projections';
import { ReplayIssue } from '../../queries/issue-replay.query';
import { StoreFlags, withApp } from '../boot';
import { formatChange, spreadText, termWording } from '../format-issue-state';
import { fromFlag, knownAtFlag, toFlag } from '../point-in-time-flags';
import { print, printCsv } from '../print';
import { replayCsv } from '../../exports/answer-csv';
import { confidenceMark } from '../format-provenance';

export interface ReplayFlags extends StoreFlags {
  negotiation?: string;
  from?: string;
  to?: string;
  knownAt?: string;
  json?: boolean;
  csv?: boolean;
}

export const formatDiff = (diff: IssueDiff): string[] => [
  ...(diff.status ? [`status ${diff.status.from} → ${diff.status.to}`] : []),
  ...diff.changes.map((c) => `${c.party} ${c.metric}: ${formatChange(c.before, c.after)}`),
  ...diff.gaps.map((g) => `gap ${g.metric}: ${g.before ? spreadText(g.before.spread, g.before.unit) : '—'} → ${g.after ? spreadText(g.after.spread, g.after.unit) : '—'}`),
];

/** `parley replay ISSUE`: each event in valid-time order, followed by what it changed. */
export const replayCommand = async (issue: string, flags: ReplayFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const result = await app.get(QueryBus).execute(
      new ReplayIssue({ issue, negotiation: flags.negotiation, from: fromFlag(flags.from), to: toFlag(flags.to), knownAt: knownAtFlag(flags.knownAt) }),
    );
    if (flags.csv) return printCsv(result, replayCsv);
    print(result, flags.json, ({ steps }) =>
      steps
        .map((step) => [`${step.event.event.occurredAt}  ${summarize(step.event.event)}${confidenceMark(step.event.event.confidence)}`,
          ...termWording(step.event.event).map((line) => `    ${line}`), ...formatDiff(step.diff).map((line) => `    ${line}`)].join('\n'))
        .join('\n') || 'no events',
    );
  });
