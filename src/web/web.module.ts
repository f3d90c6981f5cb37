import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../package-root';
import { compressAnswers } from './compress-answers';

/** Where `npm run build:web` (run by `npm ci` through `prepare`) puts the page. */
export const webRoot = (): string => join(packageRoot(__dirname), 'dist', 'web');

/** The stored texts the bundled history's events quote (`source.document`), shown from the page's source panel. */
export const sourcesRoot = (): string => join(packageRoot(__dirname), 'events', 'history', 'sources');

/** A stored text's file name as events name it: no directories, no dot files. */
const DOCUMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}\.txt$/;

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
    this.serveSourceTexts(adapter);
    compressAnswers(adapter.getInstance());
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
      // dist/web holds a .br and a .gz of every text asset (written by the build): sent to browsers that accept them.
      preCompressed: true,
      index: ['index.html'], // an array: @fastify/static finds pre-compressed index files only from a list
      decorateReply: false,
      cacheControl: false,
      setHeaders: (response, path) => {
        response.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  /** GET /sources/:document — the stored text an event's `source.document` names, as plain text; JSON 404 otherwise. */
  private serveSourceTexts(adapter: FastifyAdapter): void {
    adapter.getInstance().get<{ Params: { document: string } }>('/sources/:document', async (request, reply) => {
      const { document } = request.params;
      const notFound = () =>
        reply.code(404).send({ error: { code: 'not_found', message: `no stored source text "${document}"`, details: { what: 'source', name: document } } });
      if (!DOCUMENT_NAME.test(document)) return notFound();
      try {
        const text = await readFile(join(sourcesRoot(), document), 'utf8');
        return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(text);
      } catch {
        return notFound();
      }
    });
  }
}
