import { z } from 'zod';
import { confidenceSchema, EVENT_TYPES, EventType } from '../../../events';

/** A YYYY-MM-DD … YYYY-MM-DD valid-time window. */
export const dayWindowSchema = z.object({ from: z.string(), to: z.string() }).meta({ id: 'DayWindow' });

export const sourceRefSchema = z
  .object({
    publisher: z.string().nullable(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    document: z.string().nullable(),
    quote: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'SourceRef', description: 'Where a fact comes from, as its event records it (null where the event says nothing).' });

/** What every answered fact carries: the event, how sure, and the source. */
export const provenanceShape = { eventId: z.string(), confidence: confidenceSchema, source: sourceRefSchema };

export const eventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

/** An event whose window contains asOf but has not ended: it may already have happened. */
export const possibleEventSchema = z
  .object({
    eventId: z.string(),
    eventType: eventTypeSchema,
    party: z.string().nullable(),
    window: dayWindowSchema,
    confidence: confidenceSchema,
    summary: z.string(),
  })
  .meta({ id: 'PossibleEvent' });

/** A bigint in the domain, a JSON integer on the wire (a string beyond 2^53). */
export const wireInteger = () => z.bigint().meta({ override: { type: ['integer', 'string'], description: 'an integer (a decimal string beyond 2^53)' } });
