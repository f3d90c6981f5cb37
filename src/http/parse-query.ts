import { z } from 'zod';

const schemas = new WeakMap<z.ZodRawShape, z.ZodObject>();

/**
 * Validates a request's query string against a zod shape; unknown parameters are errors too. Pass a
 * shape defined once (module level): its object schema is built on first use and reused.
 */
export const parseQuery = <S extends z.ZodRawShape>(shape: S, query: unknown): z.output<z.ZodObject<S>> => {
  let schema = schemas.get(shape);
  if (!schema) schemas.set(shape, (schema = z.strictObject(shape)));
  return schema.parse(query ?? {}) as z.output<z.ZodObject<S>>;
};

/** The query of a write: none. A parameter there would be silently ignored (`POST /events?expectedRevision=0`), so it is refused by name. */
export const NO_QUERY = {};
