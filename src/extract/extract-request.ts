import { z } from 'zod';
import { partialDateSchema, slugSchema } from '../../events';

/** Long enough for any news article; the HTTP body limit applies first. */
export const MAX_ARTICLE_CHARS = 200_000;

/** POST /extract: an article's text and what the caller knows about it. */
export const extractRequestSchema = z.strictObject({
  text: z.string().min(1, { message: 'expected the article text' }).max(MAX_ARTICLE_CHARS),
  published: partialDateSchema.optional(),
  negotiation: slugSchema.optional(),
  document: z.string().min(1).max(500).optional(),
});
