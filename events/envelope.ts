import { z } from 'zod';
import { COUNTRY_CODES } from './countries';
import { occurredAtSchema, partialDateSchema } from './dates';

export const slugSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'expected a slug: lowercase letters, digits and single dashes' });

/**
 * Any text an importer already uses (slashes, quotes, emoji…), but something a person can read back
 * and type: not blank, and no control characters (NUL, newlines, tabs) that logs, URLs and terminals mangle.
 */
export const eventIdSchema = z
  .string()
  .min(1)
  .max(128)
  .refine((id) => id.trim() !== '', { message: 'expected an id with a visible character, not only whitespace' })
  .refine((id) => ![...id].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), { message: 'expected an id without control characters (NUL, tab, newline…)' });

/** A state (ISO 3166-1 alpha-2, upper case) or any other actor (a slug: "canacero", "eu-commission"). */
export const partySchema = z.string().superRefine((value, ctx) => {
  if (/^[A-Z]{2}$/.test(value)) {
    if (!COUNTRY_CODES.has(value)) ctx.addIssue({ code: 'custom', message: `"${value}" is not an ISO 3166-1 alpha-2 country code` });
    return;
  }
  // "mx" would be an actor of its own, never counted with MX: a country is always written in upper case.
  if (/^[a-z]{2}$/.test(value) && COUNTRY_CODES.has(value.toUpperCase())) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is a country code in lower case: write "${value.toUpperCase()}"` });
    return;
  }
  if (!slugSchema.safeParse(value).success) {
    ctx.addIssue({ code: 'custom', message: `expected an ISO 3166-1 alpha-2 code (e.g. "MX") or an actor slug (e.g. "canacero"), got "${value}"` });
  }
});

/** Country targets of a measure; "*" means every country. */
export const targetSchema = z.union([z.literal('*'), partySchema]);

export const confidenceSchema = z.enum(['confirmed', 'reported', 'unconfirmed']);
export type Confidence = z.infer<typeof confidenceSchema>;

export const sourceSchema = z.strictObject({
  title: z.string().max(1000).optional(),
  publisher: z.string().max(200).optional(),
  // Only web addresses: a javascript: or data: URL would be a script in every page that links the source.
  url: z
    .string()
    .url()
    .max(2000)
    .refine((url) => /^https?:\/\//i.test(url), { message: 'expected an http or https URL' })
    .optional(),
  publishedAt: partialDateSchema.optional(),
  quote: z.string().max(5000).optional(),
  document: z.string().max(500).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/** Envelope fields shared by every event type; `type` and `data` come from the type's own schema. */
export const envelopeShape = {
  id: eventIdSchema.optional(),
  negotiation: slugSchema,
  issue: slugSchema.optional(),
  party: partySchema.optional(),
  occurredAt: occurredAtSchema,
  source: sourceSchema.optional(),
  confidence: confidenceSchema.default('reported'),
};
