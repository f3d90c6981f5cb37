import { QueryBus } from '@nestjs/cqrs';
import { GetOpenProbes } from '../../queries/open-probes.query';
import { StoreFlags, withApp } from '../boot';
import { PointInTimeFlags, pointInTimeFrom } from '../point-in-time-flags';
import { print, printCsv } from '../print';
import { probesCsv } from '../../exports/answer-csv';
import { table } from '../table';
import { confidenceMark, describeSourceRef, formatPossible, minConfidenceNote } from '../format-provenance';

/** `parley probes`: probes open as of a day. */
export const probesCommand = async (flags: StoreFlags & PointInTimeFlags & { json?: boolean; csv?: boolean }): Promise<void> =>
  withApp(flags, async (app) => {
    const probes = await app.get(QueryBus).execute(new GetOpenProbes(pointInTimeFrom(flags)));
    if (flags.csv) return printCsv(probes, probesCsv);
    print(probes, flags.json, (p) =>
      [
        `Open probes as of ${p.asOf}:`,
        ...minConfidenceNote(p.minConfidence),
        p.open.length
          ? table(['since', 'party', 'authority', 'subject', 'negotiation', 'source'], p.open.map((o) => [
              o.since, o.party ?? '—', o.authority, `${o.subject}${confidenceMark(o.confidence)}`, o.negotiation, describeSourceRef(o.source),
            ]))
          : 'none',
        ...formatPossible(p.possible),
      ].join('\n'),
    );
  });
