import { InvalidArgumentError } from 'commander';
import { z } from 'zod';

/**
 * Value parsers shared by the environment, CLI flags and query parameters, so `PORT=abc`,
 * `--port abc` and `?limit=abc` are refused by the same rule with the same words.
 */

/** An integer in [min, max], given as a number or as decimal text (an env var, a flag). */
export const integerIn = (min: number, max: number = Number.MAX_SAFE_INTEGER) => {
  const expected = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
  return z.union([z.number(), z.string()]).transform((raw, ctx) => {
    const value = typeof raw === 'number' ? raw : /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    ctx.addIssue({ code: 'custom', message: `expected ${expected}, got ${JSON.stringify(raw)}` });
    return z.NEVER;
  });
};

/** A switch: on/off, true/false, 1/0 (or a boolean in code). */
export const onOff = z.union([z.boolean(), z.enum(['on', 'off', 'true', 'false', '1', '0'], { message: 'expected on or off' })]).transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

/** A TCP port; 0 asks the system for a free one. */
export const portSchema = integerIn(0, 65535);

/** A stream revision: a non-negative 64-bit integer, as text so no digit is lost. */
export const revisionSchema = z
  .string()
  .regex(/^\d{1,20}$/, { message: 'expected a non-negative integer revision' })
  .transform((v) => BigInt(v))
  .refine((v) => v < 2n ** 64n, { message: 'expected a revision below 2^64' });

/**
 * A commander `.argParser()` from a zod schema: a bad flag value becomes commander's one-line
 * "option '--port <port>' argument 'abc' is invalid. expected …" error, before any work starts.
 */
export const flagValue =
  <T>(schema: z.ZodType<T>) =>
  (raw: string): T => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    throw new InvalidArgumentError(parsed.error.issues.map((i) => i.message).join('; '));
  };
