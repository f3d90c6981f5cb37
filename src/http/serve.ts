import { LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { Clock } from '../clock/clock';
import { ParleyConfig } from '../config/parley-config';
import { loadBundledHistory } from '../history/load-bundled-history';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { WebModule } from '../web/web.module';
import { HttpModule } from './http.module';
import { useJsonBodyParser } from './json-body-parser';
import { toJson } from './json';
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
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes });
  const fastify = adapter.getInstance();
  fastify.setReplySerializer((payload) => toJson(payload));
  useJsonBodyParser(fastify);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, { clock: options.clock, features: [HttpModule, SubscriptionsModule, WebModule, ...(options.features ?? [])] }),
    adapter,
    { logger: options.logger ?? ['error', 'warn'], bodyParser: false },
  );
  const document = buildOpenApiDocument(process.env.npm_package_version ?? '0.1.0');
  SwaggerModule.setup('docs', app, document as never, { jsonDocumentUrl: 'openapi.json', customSiteTitle: 'Parley API' });
  app.enableShutdownHooks();
  await app.init();
  const loaded = config.loadBundledHistory ? await loadBundledHistory(app.get(CommandBus)) : undefined;
  await app.listen(config.port, config.host);
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { app, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, loaded };
};
