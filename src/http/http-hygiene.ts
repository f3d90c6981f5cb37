import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { ParleyError } from '../../events';
import { ParleyConfig } from '../config/parley-config';
import { sendApiError } from './api-error.filter';

/**
 * Node's HTTP server limits for clients that open a connection and never finish a request
 * (slowloris): the headers within 10 s, the whole request within 30 s, checked every second (Node's
 * default check interval is 30 s). Streams (SSE) are unaffected: their request is complete at once.
 */
export const CONNECTION_LIMITS = { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 } as const;

/**
 * Security headers on every answer: a Content-Security-Policy that allows only this origin (Swagger
 * UI and the page need inline styles), no framing, nosniff, no referrer to other origins.
 */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginEmbedderPolicy: false,
});

/**
 * Helmet's middleware, built once: @fastify/helmet rebuilt it (parsing the CSP directives again)
 * on every request, which cost more than answering /health.
 */
export const useSecurityHeaders = (fastify: FastifyInstance): void => {
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
};

/** A request whose Host header names none of the configured host names (DNS rebinding). */
export class HostNotAllowedError extends ParleyError {
  readonly code = 'host_not_allowed';
  readonly status = 421;
  constructor(
    readonly host: string,
    readonly allowed: readonly string[],
  ) {
    super(`Host "${host}" is not one this server answers for (${allowed.join(', ')}); set PARLEY_ALLOWED_HOSTS to add names`);
  }

  override details() {
    return { host: this.host, allowed: this.allowed };
  }
}

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

/**
 * The host names requests may carry: the configured ones, else — bound to a loopback address — the
 * loopback names; bound to every interface without a list, any (the public names are unknown).
 */
export const allowedHostsOf = (config: Pick<ParleyConfig, 'host' | 'allowedHosts'>): string[] | undefined => {
  if (config.allowedHosts && config.allowedHosts.length > 0) return config.allowedHosts.map((h) => h.toLowerCase());
  return LOOPBACK.includes(config.host.toLowerCase()) ? LOOPBACK : undefined;
};

/** The name of a Host header without its port (`[::1]:3000` → `::1`). */
export const hostNameOf = (header: string): string => {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') > 0 ? value.indexOf(']') : undefined);
  const colon = value.lastIndexOf(':');
  return colon >= 0 && value.indexOf(':') === colon ? value.slice(0, colon) : value;
};

export const checkHostHeader = (fastify: FastifyInstance, allowed: readonly string[] | undefined): void => {
  if (!allowed) return;
  fastify.addHook('onRequest', (request, reply, done) => {
    const header = request.headers.host ?? '';
    if (!allowed.includes(hostNameOf(header))) {
      void sendApiError(reply.header('connection', 'close'), new HostNotAllowedError(header, allowed));
      return;
    }
    done();
  });
};
