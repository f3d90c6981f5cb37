import { QueryBus } from '@nestjs/cqrs';
import { partySchema } from '../../../events';
import { TariffsInForce } from '../../../projections';
import { GetTariffsInForce } from '../../queries/tariffs-in-force.query';
import { StoreFlags, withApp } from '../boot';
import { PointInTimeFlags, pointInTimeFrom } from '../point-in-time-flags';
import { print } from '../print';
import { table } from '../table';

export interface TariffsFlags extends StoreFlags, PointInTimeFlags {
  target?: string;
  json?: boolean;
}

const render = (t: TariffsInForce): string => {
  const row = (l: TariffsInForce['inForce'][number]) => [l.measure, l.product, l.target, `${l.rate.value} ${l.rate.unit}`, l.since, l.exemption ? `exempt until ${l.exemption.until ?? 'further notice'}` : ''];
  const header = ['measure', 'product', 'target', 'rate', 'since', 'exemption'];
  return [
    `Tariffs in force as of ${t.asOf} (known at ${t.knownAt}):`,
    t.inForce.length ? table(header, t.inForce.map(row)) : 'none',
    '',
    'Announced, not yet in force:',
    t.announced.length ? table(header, t.announced.map((l) => row(l as never))) : 'none',
  ].join('\n');
};

/** `parley tariffs`: tariff lines in force (and announced) as of a day. */
export const tariffsCommand = async (flags: TariffsFlags): Promise<void> =>
  withApp(flags, async (app) => {
    const target = flags.target === undefined ? undefined : partySchema.parse(flags.target);
    print(await app.get(QueryBus).execute(new GetTariffsInForce({ ...pointInTimeFrom(flags), target })), flags.json, render);
  });
