import { z } from 'zod';
import { confidenceSchema, EVENT_TYPES, EventType, partySchema, slugSchema } from '../../events';

/** What a webhook waits for: new events matching a filter, or a change in what the projections answer. */
export const webhookConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('events'),
    negotiation: slugSchema.optional(),
    issue: slugSchema.optional(),
    party: partySchema.optional(),
    types: z.array(z.enum(EVENT_TYPES as [EventType, ...EventType[]])).max(50).optional(),
    minConfidence: confidenceSchema.optional(),
  }),
  /** A party's position on an issue (optionally one metric key, `metric` or `metric@scope`) changes. */
  z.strictObject({
    kind: z.literal('position-changed'),
    negotiation: slugSchema,
    issue: slugSchema,
    party: partySchema.optional(),
    metric: z.string().min(1).max(200).optional(),
  }),
  z.strictObject({ kind: z.literal('status-changed'), negotiation: slugSchema, issue: slugSchema }),
  /** A gap opens, closes, or (with a threshold) its size crosses the threshold. */
  z.strictObject({
    kind: z.literal('gap-changed'),
    negotiation: slugSchema,
    issue: slugSchema,
    metric: z.string().min(1).max(200).optional(),
    threshold: z.number().nonnegative().optional(),
  }),
  z.strictObject({ kind: z.literal('tariff-changed'), target: partySchema }),
  z.strictObject({
    kind: z.literal('deadline-within'),
    days: z.number().int().min(0).max(3650),
    negotiation: slugSchema.optional(),
  }),
]);

export type WebhookCondition = z.infer<typeof webhookConditionSchema>;
export type StateCondition = Extract<WebhookCondition, { kind: 'position-changed' | 'status-changed' | 'gap-changed' }>;
