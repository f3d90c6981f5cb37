import { ParleyEvent, StoredEvent } from '../events';
import { indexCorrections, isCorrectionEvent, replacementBody } from './corrections';
import { knownAtBound } from './known-at';
import { comparePositions } from './valid-time';

export type KnowledgeStatus = 'in-force' | 'corrected' | 'retracted' | 'correction' | 'not-yet-known';

export interface KnowledgeAnnotation {
  event: StoredEvent;
  status: KnowledgeStatus;
  /** For 'corrected': the body in force (under the original id). */
  replacement?: ParleyEvent;
  /** For 'corrected' and 'retracted': the id of the correction or retraction responsible. */
  by?: string;
}

/**
 * Every stored event, in position order, marked with what it amounts to at `knownAt`.
 * A retracted correction or retraction is 'retracted'; a standing one is 'correction'.
 */
export const annotateKnowledge = (events: readonly StoredEvent[], knownAt: string): KnowledgeAnnotation[] => {
  const bound = knownAtBound(knownAt);
  const index = indexCorrections(events.filter((event) => event.recordedAt <= bound));
  const annotate = (event: StoredEvent): KnowledgeAnnotation => {
    if (event.recordedAt > bound) return { event, status: 'not-yet-known' };
    const retraction = index.retractionOf(event.id);
    if (retraction) return { event, status: 'retracted', by: retraction.id };
    if (isCorrectionEvent(event)) return { event, status: 'correction' };
    const correction = index.correctionOf(event.id);
    if (correction) return { event, status: 'corrected', replacement: replacementBody(event, correction), by: correction.id };
    return { event, status: 'in-force' };
  };
  return [...events].sort((a, b) => comparePositions(a.position, b.position)).map(annotate);
};
