import { Query } from '@nestjs/cqrs';
import { TariffsAnswer } from '../../projections';
import { PointInTime } from './point-in-time';

/** Tariff lines in force (and announced) as of a day, across negotiations; optionally for one country. */
export class GetTariffsInForce extends Query<TariffsAnswer> {
  constructor(readonly q: PointInTime & { target?: string }) {
    super();
  }
}
