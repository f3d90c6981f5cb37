import { z } from 'zod';

/** Validates a request's query string against a zod shape; unknown parameters are errors too. */
export const parseQuery = <S extends z.ZodRawShape>(shape: S, query: unknown): z.output<z.ZodObject<S>> =>
  z.strictObject(shape).parse(query ?? {}) as z.output<z.ZodObject<S>>;
