import { z } from 'zod';
import { confidenceSchema, EVENT_TYPES } from '../../events';

const span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).describe('character offsets: text.slice(start, end) is the quote');

/**
 * The answer of POST /extract, for the OpenAPI document and the response check in tests. `event`
 * is a catalog event (the Event schema of POST /events), kept open here so the two cannot drift.
 */
export const extractionResponseSchema = z.object({
  article: z.object({
    hash: z.string().describe('sha256 of the text'),
    document: z.string(),
    title: z.string().optional(),
    publisher: z.string().optional(),
    publishedAt: z.string().optional(),
    dateSource: z.enum(['given', 'dateline', 'none']),
  }),
  negotiation: z.object({
    slug: z.string(),
    title: z.string(),
    parties: z.array(z.string()),
    proposed: z.boolean(),
    how: z.enum(['given', 'matched', 'proposed']),
  }),
  drafts: z.array(
    z.object({
      id: z.string().describe('from the document hash and the span: the same text gives the same ids'),
      event: z.object({ id: z.string(), type: z.enum(EVENT_TYPES as [string, ...string[]]), confidence: confidenceSchema }).loose().describe('a catalog event, ready for POST /events'),
      span,
      why: z.array(z.string()).describe('the rules and resolution steps that produced the draft'),
      partyRole: z.enum(['negotiation-party', 'other-actor']).optional(),
      needsReview: z.array(z.string()).describe('fields a person must complete before recording (e.g. data.respondsTo)'),
    }),
  ),
  skipped: z.array(z.object({ span, type: z.string(), reason: z.string() })).describe('proposals the catalog refused, with why'),
});
