import { Query } from '@nestjs/cqrs';
import { ProbesAnswer } from '../../projections';
import { PointInTime } from './point-in-time';

/** Probes launched and not yet concluded as of a day, across negotiations (or in one). */
export class GetOpenProbes extends Query<ProbesAnswer> {
  constructor(readonly q: PointInTime & { negotiation?: string }) {
    super();
  }
}
