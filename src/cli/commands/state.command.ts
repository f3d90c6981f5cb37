import { QueryBus } from '@nestjs/cqrs';
import { IssueAnswer } from '../../../projections';
import { GetIssueState } from '../../queries/issue-state.query';
import { StoreFlags, withApp } from '../boot';
import { formatIssueState } from '../format-issue-state';
import { PointInTimeFlags, pointInTimeFrom } from '../point-in-time-flags';
import { print, printCsv } from '../print';
import { issueStateCsv } from '../../exports/answer-csv';

export interface StateFlags extends StoreFlags, PointInTimeFlags {
  negotiation?: string;
  json?: boolean;
  csv?: boolean;
}

/** `parley state ISSUE`: the IssueState as of a day, as known at an instant. */
export const stateCommand = async (issue: string, flags: StateFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const state: IssueAnswer = await app.get(QueryBus).execute(new GetIssueState({ issue, negotiation: flags.negotiation, ...pointInTimeFrom(flags) }));
    if (flags.csv) return printCsv(state, issueStateCsv);
    print(state, flags.json, formatIssueState);
  });
