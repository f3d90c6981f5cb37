import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';

/** Where `npm run build:web` (run by `npm ci` through `prepare`) puts the page. */
export const webRoot = (): string => join(packageRoot(__dirname), 'dist', 'web');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Parley</title>
<p>The web page is not built: run <code>npm run build:web</code> (or <code>npm ci</code>), then restart the server.
The HTTP API is up: see <a href="/docs">/docs</a>.</p></html>`;

/**
 * The web page (web/, built into dist/web/) served statically at `/` by the same Fastify server.
 * Only the built files get routes (no wildcard), so every API route, /docs and the JSON 404s are
 * untouched; hashed assets are cached for good, index.html is revalidated.
 */
@Module({})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger('Web');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as FastifyAdapter | undefined;
    if (!adapter) return; // not an HTTP application (the CLI)
    const root = webRoot();
    if (!existsSync(join(root, 'index.html'))) {
      this.logger.warn(`no web page in ${root}: run "npm run build:web"`);
      adapter.getInstance().get('/', (_request, reply) => reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT));
      return;
    }
    void adapter.useStaticAssets({
      root,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      decorateReply: false,
      cacheControl: false,
      setHeaders: (response, path) => {
        response.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
}
