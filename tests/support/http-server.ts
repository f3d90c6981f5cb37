import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, fixedClock } from '../../src/clock/clock';
import { loadConfig, WebhookSettings } from '../../src/config/parley-config';
import { RunningServer, startServer } from '../../src/http/serve';

/** The instant the bundled history is recorded at unless a test says otherwise. */
export const HISTORY_RECORDED_AT = '2024-01-01T00:00:00.000Z';

export interface HttpResponse<T = any> {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  body: T;
}

export interface RequestOptions {
  /** A string is sent as is (raw bytes, broken JSON…); anything else is JSON-encoded. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface StoreSnapshot {
  headPosition: number | string;
  events: unknown[];
}

export interface TestServer {
  url: string;
  /** The SQLite file behind the server (for the CLI, once the server is closed). */
  dbFile: string;
  clock: ReturnType<typeof fixedClock>;
  running: RunningServer;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<HttpResponse<T>>;
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<HttpResponse<T>>;
  /** headPosition from /health and every stored event from /events?limit=1000. */
  snapshot(): Promise<StoreSnapshot>;
  /** Stops listening and closes the store; keepFiles leaves the SQLite file for a later reader. */
  close(options?: { keepFiles?: boolean }): Promise<void>;
  /** Removes the temporary directory (after close({ keepFiles: true })). */
  removeFiles(): void;
}

export interface TestServerOptions {
  apiToken?: string;
  bodyLimitBytes?: number;
  loadBundledHistory?: boolean;
  /** Defaults to a fixed clock at HISTORY_RECORDED_AT. */
  clock?: ReturnType<typeof fixedClock>;
  /** Webhook delivery settings over the defaults (tests shorten the back-off). */
  webhooks?: Partial<WebhookSettings>;
}

/** A real Parley HTTP server on 127.0.0.1 (random port) over a fresh SQLite file, with the bundled history. */
export const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-http-'));
  const dbFile = join(dir, 'parley.db');
  const clock = options.clock ?? fixedClock(HISTORY_RECORDED_AT);
  let running: RunningServer;
  try {
    const config = loadConfig(
      {
        store: dbFile,
        port: 0,
        host: '127.0.0.1',
        loadBundledHistory: options.loadBundledHistory ?? true,
        apiToken: options.apiToken,
        bodyLimitBytes: options.bodyLimitBytes,
      },
      {},
    );
    running = await startServer({ ...config, webhooks: { ...config.webhooks, ...options.webhooks } }, { clock: clock as Clock, logger: false });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { url } = running;

  const request = async <T = any>(method: string, path: string, { body, headers = {} }: RequestOptions = {}): Promise<HttpResponse<T>> => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers = { 'content-type': 'application/json', ...headers };
    }
    const response = await fetch(url + path, init);
    const text = await response.text();
    let parsed: any;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed as T };
  };

  let closed = false;
  const server: TestServer = {
    url,
    dbFile,
    clock,
    running,
    request,
    get: (path, headers) => request('GET', path, { headers }),
    post: (path, body, headers) => request('POST', path, { body, headers }),
    snapshot: async () => {
      const health = await request('GET', '/health');
      const events = await request('GET', '/events?limit=1000');
      if (health.status !== 200 || events.status !== 200) throw new Error(`snapshot failed: ${health.text} ${events.text}`);
      if (events.body.next !== null) throw new Error('snapshot: more than 1000 events');
      return { headPosition: health.body.store.headPosition, events: events.body.events };
    },
    close: async ({ keepFiles = false } = {}) => {
      if (!closed) {
        closed = true;
        await running.app.close();
      }
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
    },
    removeFiles: () => rmSync(dir, { recursive: true, force: true }),
  };
  return server;
};

/** Fails unless the body is exactly the API's one error shape (and has the given code). */
export const expectErrorShape = (body: unknown, code?: string): void => {
  if (!hasErrorShape(body)) throw new Error(`not the error shape { error: { code, message, details } }: ${JSON.stringify(body)}`);
  if (code !== undefined) expect((body as { error: { code: string } }).error.code).toBe(code);
};

/** True when a body has exactly the API's error shape (details may be null). */
export const hasErrorShape = (body: any): boolean =>
  body !== null &&
  typeof body === 'object' &&
  Object.keys(body).length === 1 &&
  typeof body.error === 'object' &&
  body.error !== null &&
  typeof body.error.code === 'string' &&
  body.error.code.length > 0 &&
  typeof body.error.message === 'string' &&
  'details' in body.error &&
  Object.keys(body.error).length === 3;
