import { HttpException } from '@nestjs/common';
import { asParleyError } from '../errors/invalid-input.error';
import { toJsonValue } from './json';

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

/**
 * Maps every failure to a status and the stable error shape; unknown failures are 500s. The
 * request's Content-Type is named in a 415 (Fastify's own message no longer carries it).
 */
export const toApiError = (error: unknown, contentType?: string): ApiError => {
  const known = asParleyError(error);
  if (known) return apiError(known.status, known.code, known.message, known.details());
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return apiError(status, HTTP_CODES[status] ?? `http_${status}`, status === 415 ? mediaTypeMessage(contentType) : error.message);
  }
  const fastify = error as { code?: string; statusCode?: number; message?: string };
  if (fastify.code && FASTIFY_ERRORS[fastify.code]) {
    const [status, code] = FASTIFY_ERRORS[fastify.code];
    return apiError(status, code, code === 'unsupported_media_type' ? mediaTypeMessage(contentType) : (fastify.message ?? code));
  }
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500)
    return apiError(fastify.statusCode, HTTP_CODES[fastify.statusCode] ?? 'invalid_request', fastify.message ?? 'bad request');
  return apiError(500, 'internal_error', 'internal error');
};

/** Fastify says only "Unsupported Media Type" (Nest passes it on as an HttpException): name the header sent, or its absence, and what to send. */
const mediaTypeMessage = (sent: string | undefined): string => {
  const shown = sent !== undefined && sent.length > 200 ? `${sent.slice(0, 200)}…` : sent;
  const what = shown === undefined || shown.trim() === '' ? 'a body without a Content-Type header' : `Content-Type "${shown}"`;
  return `${what} is not supported: send application/json (POST /events also takes application/x-ndjson, one event per line)`;
};
