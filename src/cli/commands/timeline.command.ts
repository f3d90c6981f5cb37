import { QueryBus } from '@nestjs/cqrs';
import { GetTimeline } from '../../queries/timeline.query';
import { StoreFlags, withApp } from '../boot';
import { eventFilterFrom, FilterFlags } from '../filter-flags';
import { fromFlag, knownAtFlag, minConfidenceFlag, toFlag } from '../point-in-time-flags';
import { confidenceMark } from '../format-provenance';
import { termWording } from '../format-issue-state';
import { print, printCsv } from '../print';
import { timelineCsv } from '../../exports/answer-csv';

export interface TimelineFlags extends StoreFlags, FilterFlags {
  from?: string;
  to?: string;
  knownAt?: string;
  minConfidence?: string;
  json?: boolean;
  csv?: boolean;
}

/** `parley timeline`: events in valid-time order, one line each with date, party, what happened and the source. */
export const timelineCommand = async (flags: TimelineFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const filter = eventFilterFrom(flags);
    const result = await app.get(QueryBus).execute(
      new GetTimeline({ ...filter, types: filter.types ? [...filter.types] : undefined, from: fromFlag(flags.from), to: toFlag(flags.to), knownAt: knownAtFlag(flags.knownAt), minConfidence: minConfidenceFlag(flags.minConfidence) }),
    );
    if (flags.csv) return printCsv(result, timelineCsv);
    if (flags.json) return result.entries.forEach((entry) => print(entry, true, () => ''));
    print(result, false, ({ entries }) =>
      entries
        .map((e) => {
          const source = e.event.source?.publisher ? `  [${e.event.source.publisher}${e.event.source.document ? `, ${e.event.source.document}` : ''}]` : '';
          const line = `${e.event.occurredAt.padEnd(10)}  ${e.event.negotiation.padEnd(22)}  ${e.summary}${confidenceMark(e.confidence)}${e.correction ? ' (corrected)' : ''}${source}`;
          return [line, ...termWording(e.event).map((words) => `            ${words}`)].join('\n');
        })
        .join('\n') || 'no events',
    );
  });
