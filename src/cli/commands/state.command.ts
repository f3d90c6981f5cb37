import { QueryBus } from '@nestjs/cqrs';
import { IssueState } from '../../../projections';
import { GetEvent } from '../../queries/events.query';
import { GetIssueState } from '../../queries/issue-state.query';
import { StoreFlags, withApp } from '../boot';
import { formatIssueState } from '../format-issue-state';
import { PointInTimeFlags, pointInTimeFrom } from '../point-in-time-flags';
import { print } from '../print';

export interface StateFlags extends StoreFlags, PointInTimeFlags {
  negotiation?: string;
  json?: boolean;
}

const describeSource = (event: { source?: { publisher?: string; document?: string; title?: string } }): string =>
  [event.source?.publisher, event.source?.document ?? event.source?.title].filter(Boolean).join(', ') || 'no source';

/** `parley state ISSUE`: the IssueState as of a day, as known at an instant. */
export const stateCommand = async (issue: string, flags: StateFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const bus = app.get(QueryBus);
    const state: IssueState = await bus.execute(new GetIssueState({ issue, negotiation: flags.negotiation, ...pointInTimeFrom(flags) }));
    if (flags.json) return print(state, true, () => '');
    const ids = new Set(Object.values(state.positions).flatMap((metrics) => Object.values(metrics).map((t) => t.eventId)));
    const sources = new Map<string, string>();
    for (const id of ids) sources.set(id, describeSource(await bus.execute(new GetEvent(id))));
    print(state, false, (s) => formatIssueState(s, sources));
  });
