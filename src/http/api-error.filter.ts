import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toApiError } from './api-error';
import { toJson } from './json';

const logger = new Logger('HTTP');

/** Answers any failure with the API's error shape (from a filter or a Fastify hook alike). */
export const sendApiError = (reply: FastifyReply, error: unknown): FastifyReply => {
  const { status, body } = toApiError(error, reply.request?.headers['content-type']);
  if (status >= 500) logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  // RFC 9110: a 401 names the scheme the client should use.
  if (status === 401) void reply.header('www-authenticate', 'Bearer realm="parley"');
  // JSON even where the route had chosen CSV for its answer (see serveCsvExports).
  return reply.status(status).header('content-type', 'application/json; charset=utf-8').serializer(toJson).send(body);
};

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    void sendApiError(host.switchToHttp().getResponse<FastifyReply>(), error);
  }
}
