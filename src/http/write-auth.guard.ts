import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ParleyError } from '../../events';
import { PARLEY_CONFIG, ParleyConfig } from '../config/parley-config';
import { sendApiError } from './api-error.filter';

/** A write (or a named subscription, which writes its checkpoint) without the configured token. */
export class UnauthorizedError extends ParleyError {
  readonly code = 'unauthorized';
  readonly status = 401;
  constructor(what = 'writes') {
    super(`${what} require Authorization: Bearer <PARLEY_API_TOKEN>`);
  }
}

/** Whether a request carries `Authorization: Bearer $PARLEY_API_TOKEN` (always true when no token is set). */
export const hasWriteToken = (config: ParleyConfig, header: string | undefined): boolean => {
  const token = config.apiToken;
  if (!token) return true;
  const value = header ?? '';
  const given = Buffer.from(value.replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(token);
  return /^Bearer\s+/i.test(value) && given.length === expected.length && timingSafeEqual(given, expected);
};

/** Writes need `Authorization: Bearer $PARLEY_API_TOKEN` when a token is configured; reads stay open. */
@Injectable()
export class WriteAuthGuard implements CanActivate {
  constructor(@Inject(PARLEY_CONFIG) private readonly config: ParleyConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!hasWriteToken(this.config, context.switchToHttp().getRequest<FastifyRequest>().headers.authorization)) throw new UnauthorizedError();
    return true;
  }
}

/**
 * Marks a write route: the token is checked as soon as the request line and headers are in (a
 * Fastify onRequest hook, see `checkWriteTokenFirst`), so an unauthenticated body is never read or
 * parsed; the guard checks again where the hook is not installed.
 */
export const WriteRoute = () => applyDecorators(RouteConfig({ writeAuth: true }), UseGuards(WriteAuthGuard));

export const checkWriteTokenFirst = (fastify: FastifyInstance, config: ParleyConfig): void => {
  fastify.addHook('onRequest', (request, reply, done) => {
    const routeConfig = request.routeOptions.config as { writeAuth?: boolean } | undefined;
    if (routeConfig?.writeAuth && !hasWriteToken(config, request.headers.authorization)) {
      // Connection: close — the unread body is not drained, the client sends it no further.
      void sendApiError(reply.header('connection', 'close'), new UnauthorizedError());
      return;
    }
    done();
  });
};
