import { isoDay } from '../../events';
import { Clock } from '../clock/clock';

/** "As of" a day (valid time) and "known at" an instant (transaction time); both default to now. */
export interface PointInTime {
  asOf?: string;
  knownAt?: string;
}

export const resolvePointInTime = (clock: Clock, q: PointInTime): { asOf: string; knownAt: string } => {
  const now = clock.now();
  return { asOf: q.asOf ?? isoDay(now), knownAt: q.knownAt ?? now.toISOString() };
};
