import { EventOfType, ParleyEvent, StoredEvent } from '../events';
import { comparePositions } from './valid-time';

export type StoredCorrection = StoredEvent<ParleyEvent & EventOfType<'EventCorrected'>>;
export type StoredRetraction = StoredEvent<ParleyEvent & EventOfType<'EventRetracted'>>;

export const isCorrectionEvent = (event: ParleyEvent): boolean =>
  event.type === 'EventCorrected' || event.type === 'EventRetracted';

/**
 * Who corrects and who retracts what, among the events known at one moment.
 * A retraction removes its target, whatever that is: retracting a correction undoes that correction,
 * retracting a retraction restores its target. Among the corrections still standing, the latest
 * by position wins.
 */
export interface CorrectionIndex {
  /** The standing retraction that removes this event, if any. */
  retractionOf(eventId: string): StoredRetraction | undefined;
  /** The latest standing correction of this event, if any. */
  correctionOf(eventId: string): StoredCorrection | undefined;
}

const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export const indexCorrections = (known: readonly StoredEvent[]): CorrectionIndex => {
  const retractions = new Map<string, StoredRetraction[]>();
  const corrections = new Map<string, StoredCorrection[]>();
  for (const event of known) {
    if (event.type === 'EventRetracted') push(retractions, event.data.retracts, event as StoredRetraction);
    else if (event.type === 'EventCorrected') push(corrections, event.data.corrects, event as StoredCorrection);
  }

  const removedBy = new Map<string, StoredRetraction | null>();
  const retractionOf = (eventId: string): StoredRetraction | undefined => {
    if (!retractions.has(eventId)) return undefined;
    const cached = removedBy.get(eventId);
    if (cached !== undefined) return cached ?? undefined;
    removedBy.set(eventId, null); // a retraction cycle leaves its members standing
    const standing = retractions.get(eventId)?.find((retraction) => !retractionOf(retraction.id)) ?? null;
    removedBy.set(eventId, standing);
    return standing ?? undefined;
  };

  const correctionOf = (eventId: string): StoredCorrection | undefined => {
    if (!corrections.has(eventId)) return undefined;
    let latest: StoredCorrection | undefined;
    for (const correction of corrections.get(eventId) ?? []) {
      if (retractionOf(correction.id)) continue;
      if (!latest || comparePositions(correction.position, latest.position) > 0) latest = correction;
    }
    return latest;
  };

  return { retractionOf, correctionOf };
};

/** The body in force after a correction: the replacement, under the original's id. */
export const replacementBody = (original: ParleyEvent, correction: StoredCorrection): ParleyEvent =>
  ({ ...correction.data.replacement, id: original.id }) as ParleyEvent;
