import { QueryBus } from '@nestjs/cqrs';
import { DiffIssue } from '../../queries/issue-replay.query';
import { StoreFlags, withApp } from '../boot';
import { asOfFlag, knownAtFlag } from '../point-in-time-flags';
import { print, printCsv } from '../print';
import { diffCsv } from '../../exports/answer-csv';
import { formatDiff } from './replay.command';

export interface DiffFlags extends StoreFlags {
  negotiation?: string;
  from: string;
  to: string;
  knownAt?: string;
  json?: boolean;
  csv?: boolean;
}

/** `parley diff ISSUE --from D1 --to D2`: what changed between two days, per party and metric. */
export const diffCommand = async (issue: string, flags: DiffFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const diff = await app.get(QueryBus).execute(
      new DiffIssue({ issue, negotiation: flags.negotiation, from: asOfFlag(flags.from) as string, to: asOfFlag(flags.to) as string, knownAt: knownAtFlag(flags.knownAt) }),
    );
    if (flags.csv) return printCsv(diff, diffCsv);
    print(diff, flags.json, (d) => [`${d.negotiation} / ${d.issue}: ${d.from} → ${d.to}`, ...formatDiff(d)].join('\n') + (formatDiff(d).length ? '' : '\nno change'));
  });
