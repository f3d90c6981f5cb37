import { bodyOf, eventCountsFrom, ParleyEvent, StoredEvent } from '../events';
import { indexCorrections, isCorrectionEvent, replacementBody } from './corrections';
import { knownAtBound } from './known-at';
import { sortByValidTime } from './valid-time';

export { compareValidTime } from './valid-time';
export { annotateKnowledge, knowledgeNotes } from './knowledge-annotations';
export type { KnowledgeAnnotation, KnowledgeNote, KnowledgeStatus } from './knowledge-annotations';

/** One event as it stands at a moment of knowledge: the body in force, placed in valid time. */
export interface EffectiveEvent {
  /** The original body, or the latest correction's replacement under the original's id. */
  event: ParleyEvent;
  position: bigint;
  recordedAt: string;
  /** The end of the (possibly corrected) event's valid-time window (see validWindowOf): the day it counts from. */
  countsFrom: string;
  correction?: { eventId: string; recordedAt: string };
}


/**
 * What was known at `knownAt`: events recorded by then, with corrections applied and retracted
 * events removed (corrections and retractions themselves are not in the output), in valid-time order.
 */
export const resolveKnowledge = (events: readonly StoredEvent[], knownAt: string): EffectiveEvent[] => {
  const bound = knownAtBound(knownAt);
  const known = events.filter((event) => event.recordedAt <= bound);
  const index = indexCorrections(known);
  const effective: EffectiveEvent[] = [];
  for (const stored of known) {
    if (isCorrectionEvent(stored) || index.retractionOf(stored.id)) continue;
    const correction = index.correctionOf(stored.id);
    const event = correction ? replacementBody(stored, correction) : bodyOf(stored);
    effective.push({
      event,
      position: stored.position,
      recordedAt: stored.recordedAt,
      countsFrom: eventCountsFrom(event),
      ...(correction ? { correction: { eventId: correction.id, recordedAt: correction.recordedAt } } : {}),
    });
  }
  return sortByValidTime(effective);
};
