import { eventCountsFrom, ParleyEvent, StoredEvent } from '../events';
import { indexCorrections, isCorrectionEvent, replacementBody } from './corrections';
import { knownAtBound } from './known-at';
import { summarize } from './summaries';
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

/** An event whose standing is not simply "in force": what the timeline answer says about it. */
export interface KnowledgeNote {
  eventId: string;
  /** At the answer's knownAt: corrected, retracted, or itself a (standing) correction or retraction. */
  status: KnowledgeStatus;
  /** The correction or retraction responsible (for corrected and retracted). */
  by?: string;
  /** How it stands in the latest knowledge, when that differs (corrected or retracted after knownAt). */
  later?: { status: KnowledgeStatus; by?: string };
  /** The event in one line (a retracted event is not among the timeline's entries). */
  summary: string;
  countsFrom: string;
}

/**
 * The knowledge annotations a reader needs beside the timeline: every event of `events` that is
 * corrected, retracted or a correction at `knownAt`, or that becomes corrected or retracted by
 * `latest`. Events simply in force at both moments, and events not yet recorded at `knownAt`, are left out.
 */
export const knowledgeNotes = (events: readonly StoredEvent[], knownAt: string, latest: string): KnowledgeNote[] => {
  const later = new Map(annotateKnowledge(events, latest).map((a) => [a.event.id, a]));
  return annotateKnowledge(events, knownAt).flatMap(({ event, status, by }): KnowledgeNote[] => {
    if (status === 'not-yet-known') return [];
    const then = later.get(event.id);
    const changed = then !== undefined && (then.status !== status || then.by !== by) ? { later: { status: then.status, ...(then.by ? { by: then.by } : {}) } } : {};
    if (status === 'in-force' && !('later' in changed)) return [];
    return [{ eventId: event.id, status, ...(by ? { by } : {}), ...changed, summary: summarize(event), countsFrom: eventCountsFrom(event) }];
  });
};
