import { Confidence, ParleyEvent } from '../events';

/** Where a fact comes from, as the event records it (null where the event says nothing). */
export interface SourceRef {
  publisher: string | null;
  title: string | null;
  url: string | null;
  document: string | null;
  quote: string | null;
  publishedAt: string | null;
}

/** What every answered fact carries so a reader can weigh it: the event, how sure, and the source. */
export interface Provenance {
  eventId: string;
  confidence: Confidence;
  source: SourceRef;
}

export const sourceRefOf = ({ source }: Pick<ParleyEvent, 'source'>): SourceRef => ({
  publisher: source?.publisher ?? null,
  title: source?.title ?? null,
  url: source?.url ?? null,
  document: source?.document ?? null,
  quote: source?.quote ?? null,
  publishedAt: source?.publishedAt ?? null,
});

export const provenanceOf = (event: ParleyEvent): Provenance => ({
  eventId: event.id,
  confidence: event.confidence,
  source: sourceRefOf(event),
});

/** Events by id, to attach provenance to the facts a fold kept only the event id of. */
export const eventsById = (events: readonly { event: ParleyEvent }[]): ReadonlyMap<string, ParleyEvent> =>
  new Map(events.map(({ event }) => [event.id, event]));

/** The provenance of a fact resting on `eventId`, or a bare one when the event is not in the slice. */
export const provenanceById = (byId: ReadonlyMap<string, ParleyEvent> | ((id: string) => ParleyEvent | undefined), eventId: string): Provenance => {
  const event = typeof byId === 'function' ? byId(eventId) : byId.get(eventId);
  return event ? provenanceOf(event) : { eventId, confidence: 'reported', source: sourceRefOf({}) };
};
