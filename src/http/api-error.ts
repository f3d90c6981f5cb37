import { HttpException } from '@nestjs/common';
import { ZodError } from 'zod';
import { EventValidationError, pathOf } from '../../events';
import { DomainRuleError } from '../commands/record-events.decider';
import { AmbiguousNameError, NotFoundError } from '../queries/not-found.error';
import { ConcurrencyConflictError, IdempotencyConflictError } from '../store/errors';
import { toJsonValue } from './json';
import { InvalidJsonError } from './json-body-parser';

/** The one error shape of the API: `{ "error": { "code", "message", "details" } }`. */
export interface ApiError {
  status: number;
  body: { error: { code: string; message: string; details: unknown } };
}

export const apiError = (status: number, code: string, message: string, details: unknown = null): ApiError => ({
  status,
  body: { error: { code, message, details: toJsonValue(details) } },
});

const FASTIFY_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_request'],
};

const HTTP_CODES: Record<number, string> = {
  400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'too_many_requests',
};

/** Maps every failure to a status and the stable error shape; unknown failures are 500s. */
export const toApiError = (error: unknown): ApiError => {
  if (error instanceof EventValidationError) return apiError(400, 'invalid_event', error.message, error.problems);
  if (error instanceof DomainRuleError) return apiError(400, 'rule_violation', error.message, error.problems);
  if (error instanceof ZodError) {
    // An unrecognized key is named by the key itself, not by its (possibly empty) parent path.
    const details = error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((key) => ({ field: pathOf([...i.path, key]), message: 'unrecognized key' }))
        : [{ field: pathOf(i.path), message: i.message }],
    );
    return apiError(400, 'invalid_request', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }
  if (error instanceof NotFoundError) return apiError(404, 'not_found', error.message, { what: error.what, name: error.key, available: error.available });
  if (error instanceof AmbiguousNameError) return apiError(400, error.code, error.message, { what: error.what, name: error.key, candidates: error.candidates });
  if (error instanceof ConcurrencyConflictError)
    return apiError(409, error.code, error.message, { stream: error.stream, expected: error.expected, actual: error.actual });
  if (error instanceof IdempotencyConflictError)
    return apiError(409, error.code, error.message, { eventId: error.eventId, storedPosition: error.storedPosition ?? null });
  if (error instanceof InvalidJsonError) return apiError(400, error.code, error.message);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return apiError(status, HTTP_CODES[status] ?? `http_${status}`, error.message);
  }
  const fastify = error as { code?: string; statusCode?: number; message?: string };
  if (fastify.code && FASTIFY_ERRORS[fastify.code]) {
    const [status, code] = FASTIFY_ERRORS[fastify.code];
    return apiError(status, code, fastify.message ?? code);
  }
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500)
    return apiError(fastify.statusCode, HTTP_CODES[fastify.statusCode] ?? 'invalid_request', fastify.message ?? 'bad request');
  return apiError(500, 'internal_error', 'internal error');
};
