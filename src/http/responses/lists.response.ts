import { z } from 'zod';
import type { NegotiationListing } from '../../../projections';
import { webhookConditionSchema } from '../../webhooks/webhook-condition';
import type { WebhookView } from '../../webhooks/webhook-registration';
import type { DeadLetter } from '../../webhooks/webhook-registry';
import { Matches } from './matches-type';
import { wireInteger } from './provenance.schema';

/** The list routes' `next`: absent when the client did not page, so an unpaged answer is what it always was. */
const nextPage = () =>
  z
    .string()
    .nullable()
    .optional()
    .meta({ description: 'Only when paged (limit or cursor given): the cursor of the next page (pass it as `cursor`), null on the last page' });

const negotiationListingSchema = z
  .strictObject({
    negotiation: z.string(),
    title: z.string().nullable(),
    agreement: z.string().nullable(),
    parties: z.array(z.string()),
    issues: z.array(z.string()),
    eventCount: z.number().int(),
  })
  .meta({ id: 'NegotiationListing' });

/** GET /negotiations */
export const negotiationListSchema = z.strictObject({ negotiations: z.array(negotiationListingSchema), next: nextPage() }).meta({ id: 'NegotiationList' });

const webhookViewSchema = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    condition: webhookConditionSchema,
    createdAt: z.string(),
    cursor: wireInteger(),
    deadLetters: z.number().int().meta({ description: 'how many deliveries were given up on' }),
  })
  .meta({ id: 'Webhook', description: 'A webhook as the API shows it: everything but its secret.' });

/** GET /webhooks */
export const webhookListSchema = z.strictObject({ webhooks: z.array(webhookViewSchema), next: nextPage() }).meta({ id: 'WebhookList' });

const deadLetterSchema = z
  .strictObject({
    deliveryId: z.string(),
    webhookId: z.string(),
    position: wireInteger(),
    payload: z.string().meta({ description: 'the JSON body that was sent' }),
    attempts: z.number().int(),
    lastError: z.string(),
    failedAt: z.string(),
  })
  .meta({ id: 'DeadLetter' });

/** GET /webhooks/:id/dead-letters */
export const deadLetterListSchema = z.strictObject({ deadLetters: z.array(deadLetterSchema), next: nextPage() }).meta({ id: 'DeadLetterList' });

/** GET …/replay: the steps are not described field by field yet; the paging fields are. */
export const replayAnswerSchema = z
  .looseObject({
    negotiation: z.string(),
    issue: z.string(),
    knownAt: z.string(),
    steps: z.array(z.looseObject({})),
    next: nextPage(),
    firstStep: z.number().int().min(1).optional().meta({ description: 'Only when paged: the number of this page’s first step in the whole replay (as in the CSV `step` column)' }),
  })
  .meta({ id: 'Replay', description: '{ negotiation, issue, knownAt, steps: [{ event, state, diff }] }' });

const _negotiationListingMatches: Matches<z.output<typeof negotiationListingSchema>, NegotiationListing> = true;
const _webhookViewMatches: Matches<z.output<typeof webhookViewSchema>, WebhookView> = true;
const _deadLetterMatches: Matches<z.output<typeof deadLetterSchema>, DeadLetter> = true;
