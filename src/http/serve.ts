import { LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { Clock } from '../clock/clock';
import { ParleyConfig } from '../config/parley-config';
import { BundledHistoryConflictError } from '../history/bundled-history.error';
import { loadBundledHistory } from '../history/load-bundled-history';
import { IdempotencyConflictError } from '../store/errors';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { WebModule } from '../web/web.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { apiError, toApiError } from './api-error';
import { HttpModule } from './http.module';
import { allowedHostsOf, checkHostHeader, CONNECTION_LIMITS, useSecurityHeaders } from './http-hygiene';
import { useJsonBodyParser } from './json-body-parser';
import { ListenError } from './listen-error';
import { checkWriteTokenFirst } from './write-auth.guard';
import { serveCsvExports } from '../exports/csv-export';
import { toJson, toJsonBody } from './json';
import { buildOpenApiDocument } from './openapi';

export interface ServerOptions {
  clock?: Clock;
  logger?: LogLevel[] | false;
  /** Extra feature modules (e.g. subscriptions, the web UI). */
  features?: Type[];
}

export interface RunningServer {
  app: NestFastifyApplication;
  url: string;
  loaded?: { appended: number; duplicates: number };
}

/** Builds the HTTP application on Fastify, loads the bundled history when asked, and listens. */
export const startServer = async (config: ParleyConfig, options: ServerOptions = {}): Promise<RunningServer> => {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Longer than any valid parameter, so an over-long one reaches its route and is refused by name
    // (`id: at most 128 characters`) instead of a 404 for the whole path; the header limit bounds the URL.
    routerOptions: { maxParamLength: 16 * 1024 },
    frameworkErrors,
    clientErrorHandler,
    http: CONNECTION_LIMITS,
    requestTimeout: CONNECTION_LIMITS.requestTimeout,
  });
  const fastify = adapter.getInstance();
  // Fastify sends a Buffer as it is (its serializer type says string).
  fastify.setReplySerializer((payload) => toJsonBody(payload) as string);
  useJsonBodyParser(fastify);
  // First of the hooks: the answers the others refuse with (421, 401) carry the headers too.
  useSecurityHeaders(fastify);
  checkHostHeader(fastify, allowedHostsOf(config));
  checkWriteTokenFirst(fastify, config);
  serveCsvExports(fastify);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, { clock: options.clock, features: [HttpModule, SubscriptionsModule, WebhooksModule, WebModule, ...(options.features ?? [])] }),
    adapter,
    { logger: options.logger ?? ['error', 'warn'], bodyParser: false },
  );
  const document = buildOpenApiDocument(process.env.npm_package_version ?? '0.1.0');
  SwaggerModule.setup('docs', app, document as never, { jsonDocumentUrl: 'openapi.json', customSiteTitle: 'Parley API' });
  app.enableShutdownHooks();
  await app.init();
  const loaded = config.loadBundledHistory ? await loadBundledHistoryOrClose(app, config.store) : undefined;
  try {
    // Fastify's own listen (the app is initialised): Nest's would log the failure once more before we report it.
    await fastify.listen({ port: config.port, host: config.host });
  } catch (error) {
    // Nothing may stay open (the store, its polling): the process must be able to exit at once.
    await app.close().catch(() => undefined);
    throw ListenError.from(error, config.host, config.port);
  }
  fastify.server.maxConnections = config.maxConnections;
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { app, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, loaded };
};

/** A history that cannot be loaded closes what was opened, so the process can report it and exit. */
const loadBundledHistoryOrClose = async (app: NestFastifyApplication, store: string) => {
  try {
    return await loadBundledHistory(app.get(CommandBus));
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error instanceof IdempotencyConflictError ? new BundledHistoryConflictError(store, error) : error;
  }
};

/** Failures Fastify answers before routing (a malformed URL) get the API's error shape too. */
const frameworkErrors = (error: Error, request: FastifyRequest, reply: FastifyReply): void => {
  const { status, body } = toApiError(error, request.headers['content-type']);
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
};

/** What Node's HTTP parser refused, in the client's terms (its reason otherwise: "Invalid character in Content-Length"…). */
const malformedRequestCause = (error: NodeJS.ErrnoException & { reason?: string }): string =>
  error.code === 'HPE_INVALID_EOF_STATE'
    ? 'the connection ended before the request did (a body shorter than its Content-Length?)'
    : error.code === 'HPE_CLOSED_CONNECTION'
      ? 'bytes after the end of the request (a body longer than its Content-Length?)'
      : (error.reason ?? error.code ?? 'unreadable');

/** Failures below HTTP parsing (headers too large, malformed request line): the error shape, then close. */
const clientErrorHandler = (error: NodeJS.ErrnoException, socket: Socket): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, body } =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? apiError(431, 'request_header_fields_too_large', 'the request line and headers exceed the size limit (use a shorter query string)')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? apiError(408, 'request_timeout', 'the request did not arrive in time')
        : apiError(400, 'invalid_request', `malformed HTTP request: ${malformedRequestCause(error)}`);
  if (socket.writable) {
    const text = toJson(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
};
