import { z } from 'zod';
import { asOfSchema, eventFilterParams, positionSchema } from '../queries/query-params';

/** A named subscription: letters, digits and . _ : - (the name of its checkpoint in the store). */
export const subscriptionNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { message: 'expected 1-100 letters, digits, ".", "_", ":" or "-"' });

export const eventStreamParams = {
  ...eventFilterParams,
  fromPosition: positionSchema.optional(),
  name: subscriptionNameSchema.optional(),
};

export const issueStateStreamParams = { asOf: asOfSchema.optional() };

/** The standard SSE reconnect header; empty means none. */
export const parseLastEventId = (header: string | string[] | undefined): bigint | undefined => {
  const value = Array.isArray(header) ? header[header.length - 1] : header;
  if (value === undefined || value.trim() === '') return undefined;
  return z.strictObject({ 'Last-Event-ID': positionSchema }).parse({ 'Last-Event-ID': value.trim() })['Last-Event-ID'];
};
