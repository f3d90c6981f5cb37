import { z } from 'zod';
import { asOfSchema, fromDaySchema, knownAtSchema, minConfidenceSchema } from '../queries/query-params';

export interface PointInTimeFlags {
  asOf?: string;
  knownAt?: string;
  minConfidence?: string;
}

const flag = <T>(name: string, schema: z.ZodType<T>, value: string | undefined): T | undefined => {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${name} "${value}": ${parsed.error.issues[0]?.message}`);
  return parsed.data;
};

export const asOfFlag = (value?: string) => flag('--as-of', asOfSchema, value);
export const knownAtFlag = (value?: string) => flag('--known-at', knownAtSchema, value);
export const fromFlag = (value?: string) => flag('--from', fromDaySchema, value);
export const toFlag = (value?: string) => flag('--to', asOfSchema, value);

export const minConfidenceFlag = (value?: string) => flag('--min-confidence', minConfidenceSchema, value);

export const pointInTimeFrom = (flags: PointInTimeFlags) => ({
  asOf: asOfFlag(flags.asOf),
  knownAt: knownAtFlag(flags.knownAt),
  minConfidence: minConfidenceFlag(flags.minConfidence),
});
