import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input.error';

/** A path parameter checked against its schema; a bad one is named (`negotiation: expected a slug…`), not reported as "". */
export const pathParam = <S extends z.ZodType>(name: string, schema: S, value: string): z.output<S> => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(parsed.error.issues.map((issue) => ({ field: name, message: issue.message })));
};
