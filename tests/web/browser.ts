/**
 * Test support for the web page: Debian's Chromium driven headless through playwright-core,
 * against a real server (startServer, port 0, a temporary SQLite file, the bundled history).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { loadConfig } from '../../src/config/parley-config';
import { packageRoot } from '../../src/package-root';
import { RunningServer, startServer } from '../../src/http/serve';
import { webRoot } from '../../src/web/web.module';

export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

/** Where the tests save screenshots (PARLEY_SCREENSHOT_DIR=docs refreshes the README's). */
export const screenshotDir = (): string => {
  const root = packageRoot(__dirname);
  const dir = process.env.PARLEY_SCREENSHOT_DIR ? resolve(root, process.env.PARLEY_SCREENSHOT_DIR) : join(root, '.tmp', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** No network on CI machines: without these, Chromium keeps trying to reach Google's services. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

const newestMtime = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }, 0);

/** The page as `npm ci` builds it; rebuilt here when web/ changed since (a developer's edit). */
export const ensureWebBuilt = (): void => {
  const root = packageRoot(__dirname);
  const index = join(webRoot(), 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(root, 'web'))) return;
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.mts'], {
    cwd: root,
    stdio: 'pipe',
  });
};

export interface WebFixture {
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  /** Page errors and failed requests seen so far (a test can require none). */
  problems: string[];
  /** Stops the server (dropping every connection) and starts it again on the same port and store. */
  restartServer(): Promise<void>;
  /** Stops the server (the page sees it down) until startAgain(). */
  stopServer(): Promise<void>;
  /** Starts the server again on the same port and store after stopServer(). */
  startAgain(): Promise<void>;
  close(): Promise<void>;
}

export interface WebFixtureOptions {
  /** Writes need this bearer token (PARLEY_API_TOKEN). */
  apiToken?: string;
  viewport?: { width: number; height: number };
}

/**
 * A fixture shared by a suite's tests: opened before them (a Chromium start), closed after. Its fields
 * read the open fixture, so tests use it as they would the one openWebFixture returns.
 */
export const suiteWebFixture = (options: WebFixtureOptions = {}): WebFixture => {
  let open: WebFixture | undefined;
  beforeAll(async () => {
    open = await openWebFixture(options);
  }, 90_000);
  afterAll(async () => {
    await open?.close();
  }, 45_000);
  const current = (): WebFixture => {
    if (!open) throw new Error('the web fixture is not open: use it inside a test');
    return open;
  };
  return {
    get server() { return current().server; },
    get context() { return current().context; },
    get page() { return current().page; },
    get problems() { return current().problems; },
    restartServer: () => current().restartServer(),
    stopServer: () => current().stopServer(),
    startAgain: () => current().startAgain(),
    close: () => current().close(),
  };
};

export const openWebFixture = async (options: WebFixtureOptions = {}): Promise<WebFixture> => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The web tests drive Debian's chromium: ` +
        'install it with "apt-get install -y chromium" (.ci/run does so because .ci/needs-chromium exists), ' +
        'or point PARLEY_CHROMIUM at a Chromium binary.',
    );
  }
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'parley-web-'));
  const store = join(dir, 'parley.db');
  const server = await startServer(loadConfig({ store, port: 0, loadBundledHistory: true, apiToken: options.apiToken }));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 900 },
      timezoneId: 'UTC',
      locale: 'en-US',
      baseURL: server.url,
    });
  } catch (error) {
    await server.app.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  const fixture: WebFixture = {
    server,
    context,
    page,
    problems,
    async restartServer() {
      await fixture.stopServer();
      await fixture.startAgain();
    },
    async stopServer() {
      await fixture.server.app.close();
    },
    async startAgain() {
      const port = Number(new URL(fixture.server.url).port);
      fixture.server = await startServer(loadConfig({ store, port, loadBundledHistory: false, apiToken: options.apiToken }));
    },
    async close() {
      await context.close().catch(() => undefined);
      await fixture.server.app.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
};

/** POST /events through the public API. */
export const postEvents = async (url: string, body: unknown, token?: string): Promise<{ appended: number; lastPosition: number | null }> => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${url}/events`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /events answered ${response.status}: ${text}`);
  return JSON.parse(text);
};

/** GET a JSON answer of the public API (what the page is expected to show). */
export const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};

/** axe-core (installed) injected into the page; the serious and critical violations, each with its rule, impact and first nodes. */
export const axeViolations = async (page: Page): Promise<string[]> => {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy (script-src 'self') refuses an injected <script>.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[]; failureSummary?: string }> }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join(' | ')}`);
};
