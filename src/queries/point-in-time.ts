import { Confidence, isoDay } from '../../events';
import { Clock } from '../clock/clock';

/**
 * "As of" a day (valid time) and "known at" an instant (transaction time); both default to now.
 * `minConfidence` answers from events at least that confident only (default: every event).
 */
export interface PointInTime {
  asOf?: string;
  knownAt?: string;
  minConfidence?: Confidence;
}

export const resolvePointInTime = (clock: Clock, q: PointInTime): { asOf: string; knownAt: string } => {
  const now = clock.now();
  return { asOf: q.asOf ?? isoDay(now), knownAt: q.knownAt ?? now.toISOString() };
};
