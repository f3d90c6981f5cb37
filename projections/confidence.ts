import { Confidence } from '../events';
import { EffectiveEvent } from './knowledge';

const RANK: Readonly<Record<Confidence, number>> = { unconfirmed: 0, reported: 1, confirmed: 2 };

export const isAtLeast = (confidence: Confidence, min: Confidence): boolean => RANK[confidence] >= RANK[min];

/**
 * The events at least as confident as `min` (all of them without a minimum): answers "from
 * confirmed facts only" fold this subset, so a reported figure can neither show nor move a gap.
 */
export const atLeastAsConfident = (events: readonly EffectiveEvent[], min: Confidence | undefined): readonly EffectiveEvent[] =>
  min === undefined || min === 'unconfirmed' ? events : events.filter(({ event }) => isAtLeast(event.confidence, min));
