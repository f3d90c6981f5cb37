import { z } from 'zod';
import { eventSchemas, ParleyEvent, StoredEvent } from '../../../events';
import type { KnowledgeNote, TimelineRow } from '../../../projections';
import type { TimelineAnswer } from '../../queries/timeline.query';
import { Matches } from './matches-type';
import { dayWindowSchema, provenanceShape, wireInteger } from './provenance.schema';

/** The catalog's schemas, one OpenAPI component per event type. */
const eventComponents = eventSchemas.map((schema) => schema.meta({ id: schema.shape.type.value })) as unknown as typeof eventSchemas;

/** An event as submitted: the catalog's discriminated union (id optional, confidence defaulted). */
export const newEventSchema = z.discriminatedUnion('type', eventComponents).meta({ id: 'Event' });

const withId = { id: z.string() };
const storedFields = { ...withId, position: wireInteger(), streamRevision: wireInteger(), recordedAt: z.string() };

/**
 * Each type's schema extended with the given fields, as components named `${prefix}${type}`: the
 * catalog's objects are strict, so an allOf of "event" and "extra fields" would refuse every event.
 */
const variants = (prefix: string, shape: z.ZodRawShape) =>
  Object.fromEntries(eventSchemas.map((schema) => [`${prefix}${schema.shape.type.value}`, schema.extend(shape)]));

/** Document a union of variants as oneOf over their components (typed below as the intersection it is). */
const asVariants = (prefix: string) => ({
  override: {
    allOf: undefined,
    oneOf: eventSchemas.map((schema) => ({ $ref: `#/components/schemas/${prefix}${schema.shape.type.value}` })),
    discriminator: { propertyName: 'type' },
  },
});

/** Components for every variant, for the document's components section. */
export const eventVariantComponents = { ...variants('Recorded', withId), ...variants('Stored', storedFields) };

/** An event as recorded: its id fixed. */
export const parleyEventSchema = newEventSchema.and(z.object(withId)).meta({ id: 'RecordedEvent', ...asVariants('Recorded') });

/** An event as stored: with its position, stream revision and transaction time. */
export const storedEventSchema = newEventSchema.and(z.object(storedFields)).meta({ id: 'StoredEvent', ...asVariants('Stored') });

const _parleyEventMatches: Matches<z.output<typeof parleyEventSchema>, ParleyEvent> = true;
const _storedEventMatches: Matches<z.output<typeof storedEventSchema>, StoredEvent> = true;

/** GET /events: a page, and the cursor of the next one (null: no more). */
export const eventsPageSchema = z.strictObject({ events: z.array(storedEventSchema), next: z.string().nullable() }).meta({ id: 'EventsPage' });

/** POST /events */
export const appendSummarySchema = z
  .strictObject({
    appended: z.number().int(),
    duplicates: z.number().int(),
    firstPosition: wireInteger().nullable(),
    lastPosition: wireInteger().nullable(),
    /** Every submitted event in submission order, with the id it has (assigned if none was given) and its position: a retry with these ids is idempotent. */
    events: z.array(z.strictObject({ id: z.string(), position: wireInteger() })),
  })
  .meta({ id: 'AppendSummary' });

const knowledgeStatusSchema = z.enum(['in-force', 'corrected', 'retracted', 'correction', 'not-yet-known']);

const knowledgeNoteSchema = z
  .object({
    eventId: z.string(),
    status: knowledgeStatusSchema,
    by: z.string().optional(),
    later: z.object({ status: knowledgeStatusSchema, by: z.string().optional() }).optional(),
    summary: z.string(),
    countsFrom: z.string(),
  })
  .meta({ id: 'KnowledgeNote' });

const _knowledgeNoteMatches: Matches<z.output<typeof knowledgeNoteSchema>, KnowledgeNote> = true;

const timelineRowSchema = z.object({
  event: parleyEventSchema,
  position: wireInteger(),
  recordedAt: z.string(),
  countsFrom: z.string(),
  precision: z.enum(['day', 'month', 'year']),
  summary: z.string(),
  correction: z.object({ eventId: z.string(), recordedAt: z.string() }).optional(),
  ...provenanceShape,
  window: dayWindowSchema,
});

const _timelineRowMatches: Matches<z.output<typeof timelineRowSchema>, TimelineRow> = true;

/** GET /timeline */
export const timelineAnswerSchema = z
  .strictObject({ knownAt: z.string(), entries: z.array(timelineRowSchema), knowledge: z.array(knowledgeNoteSchema), next: z.string().nullable() })
  .meta({ id: 'Timeline' });

const _timelineAnswerMatches: Matches<z.output<typeof timelineAnswerSchema>, TimelineAnswer> = true;
