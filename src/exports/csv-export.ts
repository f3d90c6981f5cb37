import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../errors/invalid-input.error';
import { sendApiError } from '../http/api-error.filter';

type ToCsv = (answer: never) => string;

/** Marks a route whose answer can also be had as CSV (`?format=csv` or `Accept: text/csv`). */
export const CsvExport = <T>(toCsv: (answer: T) => string) => RouteConfig({ csvExport: toCsv as ToCsv });

/** `format` wins; otherwise text/csv when the client asks for it before (or without) JSON. */
const wantsCsv = (request: FastifyRequest): boolean => {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if ('format' in query) {
    const format = query.format;
    delete query.format;
    if (format === 'csv') return true;
    if (format === 'json') return false;
    throw new InvalidInputError([{ field: 'format', message: `expected csv or json, got ${JSON.stringify(format)}` }]);
  }
  const accept = String(request.headers.accept ?? '').toLowerCase();
  const csv = accept.indexOf('text/csv');
  const json = accept.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
};

/**
 * A paged answer's `next` has no column in CSV: it goes in a `Link: <…&cursor=…>; rel="next"` header
 * (RFC 8288), the request's own URL with the cursor replaced, so a CSV client pages as a JSON one does.
 */
const nextLink = (request: FastifyRequest, answer: unknown): string | undefined => {
  const next = (answer as { next?: unknown } | null)?.next;
  if (typeof next !== 'string') return undefined;
  const url = new URL(request.url, 'http://parley.invalid');
  url.searchParams.set('cursor', next);
  return `<${url.pathname}${url.search}>; rel="next"`;
};

/**
 * CSV for the routes marked `@CsvExport`, decided before the handler runs (it takes `format` out of
 * the query, which the handler checks strictly): the reply gets the route's CSV serializer for its
 * answer. A Fastify hook rather than a Nest interceptor, which would put every route's answer
 * through RxJS; the other routes pay one property read. An error answer is JSON all the same
 * (`sendApiError` puts the JSON serializer back).
 */
export const serveCsvExports = (fastify: FastifyInstance): void => {
  fastify.addHook('preHandler', (request, reply, done) => {
    const toCsv = (request.routeOptions.config as { csvExport?: (answer: unknown) => string } | undefined)?.csvExport;
    try {
      if (toCsv && wantsCsv(request)) {
        void reply.type('text/csv; charset=utf-8').serializer((answer: unknown) => {
          const link = nextLink(request, answer);
          if (link !== undefined) void reply.header('link', link);
          return toCsv(answer);
        });
      }
    } catch (error) {
      void sendApiError(reply, error);
      return;
    }
    done();
  });
};
