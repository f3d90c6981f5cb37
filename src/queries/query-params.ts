import { z } from 'zod';
import { confidenceSchema, countsFrom, EVENT_TYPES, isValidPartialDate, partySchema, slugSchema, windowStart } from '../../events';

/** "As of" a day: YYYY-MM-DD, or a month/year meaning its last day. */
export const asOfSchema = z
  .string()
  .refine(isValidPartialDate, { message: 'expected a date as YYYY-MM-DD, YYYY-MM or YYYY' })
  .transform(countsFrom);

/** The first day of a range: YYYY-MM-DD, or a month/year meaning its first day. */
export const fromDaySchema = z
  .string()
  .refine(isValidPartialDate, { message: 'expected a date as YYYY-MM-DD, YYYY-MM or YYYY' })
  .transform(windowStart);

/** "Known at" an instant (ISO 8601 with a time zone), or a whole day (YYYY-MM-DD, up to its end). */
export const knownAtSchema = z.string().transform((value, ctx) => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && isValidPartialDate(value)) return value;
  const instant = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value) ? new Date(value) : undefined;
  // Date rolls impossible days over (2018-02-30 → March 2): the calendar day itself must exist.
  if (instant && !isValidPartialDate(value.slice(0, 10))) {
    ctx.addIssue({ code: 'custom', message: `${value.slice(0, 10)} is not a day of the calendar` });
    return z.NEVER;
  }
  if (!instant || Number.isNaN(instant.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 instant with a time zone (2018-06-01T12:00:00Z) or a day (2018-06-01)' });
    return z.NEVER;
  }
  return instant.toISOString();
});

/** Answer from events at least this confident: confirmed, reported (or unconfirmed: everything). */
export const minConfidenceSchema = confidenceSchema;

/** Positions are signed 64-bit in every store; a larger cursor is an input error, not a store failure. */
export const MAX_POSITION = 2n ** 63n - 1n;

export const positionSchema = z
  .string()
  .regex(/^\d{1,20}$/, { message: 'expected a non-negative integer position' })
  .transform((v) => BigInt(v))
  .refine((v) => v <= MAX_POSITION, { message: `expected a position no greater than ${MAX_POSITION}` });

export const limitSchema = z.coerce.number().int().min(1).max(1000);

const typeList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).filter(Boolean))
  .pipe(z.array(z.enum(EVENT_TYPES as [string, ...string[]])));

export const eventFilterParams = {
  negotiation: slugSchema.optional(),
  issue: slugSchema.optional(),
  party: partySchema.optional(),
  type: typeList.optional(),
};

/** A point-in-time question: as of a day, as known at an instant, from events at least this confident. */
export const pointInTimeParams = { asOf: asOfSchema.optional(), knownAt: knownAtSchema.optional(), minConfidence: minConfidenceSchema.optional() };
