import { QueryBus } from '@nestjs/cqrs';
import { slugSchema } from '../../../events';
import { DeadlinesAnswer, GetDeadlines } from '../../queries/deadlines.query';
import { StoreFlags, withApp } from '../boot';
import { PointInTimeFlags, pointInTimeFrom } from '../point-in-time-flags';
import { print } from '../print';
import { table } from '../table';

export interface DeadlinesFlags extends StoreFlags, PointInTimeFlags {
  negotiation?: string;
  json?: boolean;
}

const daysLeft = ({ earliest, latest }: { earliest: number; latest: number }): string =>
  earliest === latest ? `${latest}` : `${earliest}–${latest}`;

const render = (answer: DeadlinesAnswer): string => {
  const rows = answer.deadlines.map((d) => [
    d.deadline,
    d.precision,
    daysLeft(d.daysRemaining),
    `${d.negotiation}${d.issue ? `/${d.issue}` : ''}`,
    d.what,
    `${d.setBy.eventId}${d.setBy.confidence === 'confirmed' ? '' : ` (${d.setBy.confidence})`}`,
    d.changedBy ? `corrected by ${d.changedBy.eventId}` : '',
  ]);
  return [
    `Deadlines ahead as of ${answer.asOf} (known at ${answer.knownAt}):`,
    rows.length ? table(['deadline', 'precision', 'days left', 'negotiation/issue', 'what', 'set by', 'changed'], rows) : 'none',
  ].join('\n');
};

/** `parley deadlines`: every deadline ahead across negotiations, with the days left and what set it. */
export const deadlinesCommand = async (flags: DeadlinesFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const negotiation = flags.negotiation === undefined ? undefined : slugSchema.parse(flags.negotiation);
    print(await app.get(QueryBus).execute(new GetDeadlines({ ...pointInTimeFrom(flags), negotiation })), flags.json, render);
  });
