import { Confidence, DayWindow } from '../../events';
import { PossibleEvent, SourceRef } from '../../projections';
import { table } from './table';

/**
 * How sure a value is, in the text itself: confirmed values are plain, the rest say so right after
 * the value, so a reported figure from an unnamed source never reads as fact.
 */
export const confidenceMark = (confidence: Confidence): string =>
  confidence === 'confirmed' ? '' : confidence === 'reported' ? ' [reported]' : ' [UNCONFIRMED]';

/** Publisher and document (or title) of a source, or "no source". */
export const describeSourceRef = (source: SourceRef): string =>
  [source.publisher, source.document ?? source.title].filter(Boolean).join(', ') || 'no source';

export const formatWindow = (window: DayWindow): string =>
  window.from === window.to ? window.from : `${window.from} … ${window.to}`;

/** The "possibly by this date" section of an answer: events whose window has begun but not ended. */
export const formatPossible = (possible: readonly PossibleEvent[]): string[] =>
  possible.length === 0
    ? []
    : ['', 'Possibly by this date (dated to a window still open on this day):',
        table(['window', 'what', 'confidence'], possible.map((p) => [formatWindow(p.window), p.summary, p.confidence]))];

/** The floor an answer was given under, when there is one. */
export const minConfidenceNote = (minConfidence: Confidence | null): string[] =>
  minConfidence === null || minConfidence === 'unconfirmed' ? [] : [`(only events at least ${minConfidence})`];
