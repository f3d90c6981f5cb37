import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { InvalidInputError } from '../errors/invalid-input.error';

const CSV_EXPORT = 'parley:csv-export';

/** Marks a route whose answer can also be had as CSV (`?format=csv` or `Accept: text/csv`). */
export const CsvExport = <T>(toCsv: (answer: T) => string) => SetMetadata(CSV_EXPORT, toCsv);

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

@Injectable()
export class CsvExportInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const toCsv = this.reflector.get<((answer: unknown) => string) | undefined>(CSV_EXPORT, context.getHandler());
    if (!toCsv || context.getType() !== 'http' || !wantsCsv(context.switchToHttp().getRequest<FastifyRequest>())) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((answer) => {
        void reply.header('content-type', 'text/csv; charset=utf-8');
        const link = nextLink(request, answer);
        if (link !== undefined) void reply.header('link', link);
        return toCsv(answer);
      }),
    );
  }
}
