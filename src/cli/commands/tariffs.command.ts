import { QueryBus } from '@nestjs/cqrs';
import { partySchema } from '../../../events';
import { TariffsAnswer } from '../../../projections';
import { confidenceMark, describeSourceRef, formatPossible, minConfidenceNote } from '../format-provenance';
import { GetTariffsInForce } from '../../queries/tariffs-in-force.query';
import { StoreFlags, withApp } from '../boot';
import { PointInTimeFlags, pointInTimeFrom } from '../point-in-time-flags';
import { print, printCsv } from '../print';
import { tariffsCsv } from '../../exports/answer-csv';
import { table } from '../table';

export interface TariffsFlags extends StoreFlags, PointInTimeFlags {
  target?: string;
  json?: boolean;
  csv?: boolean;
}

type Line = Omit<TariffsAnswer['inForce'][number], 'since'> & { since: string | null };

const render = (t: TariffsAnswer): string => {
  const row = (l: Line) => [
    l.measure, l.product, l.target, `${l.rate.value} ${l.rate.unit}${confidenceMark(l.confidence)}`, l.since ?? 'no date',
    l.exemption ? `exempt until ${l.exemption.until ?? 'further notice'}` : '', describeSourceRef(l.source),
  ];
  const header = ['measure', 'product', 'target', 'rate', 'since', 'exemption', 'source'];
  return [
    `Tariffs in force as of ${t.asOf} (known at ${t.knownAt}):`,
    ...minConfidenceNote(t.minConfidence),
    t.inForce.length ? table(header, t.inForce.map(row)) : 'none',
    '',
    'Announced, not yet in force:',
    t.announced.length ? table(header, t.announced.map(row)) : 'none',
    ...formatPossible(t.possible),
  ].join('\n');
};

/** `parley tariffs`: tariff lines in force (and announced) as of a day. */
export const tariffsCommand = async (flags: TariffsFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const target = flags.target === undefined ? undefined : partySchema.parse(flags.target);
    const answer = await app.get(QueryBus).execute(new GetTariffsInForce({ ...pointInTimeFrom(flags), target }));
    if (flags.csv) return printCsv(answer, tariffsCsv);
    print(answer, flags.json, render);
  });
