/**
 * Test support for the web page: Debian's Chromium driven headless through playwright-core,
 * against a real server (startServer, port 0, a temporary SQLite file, the bundled history).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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
  close(): Promise<void>;
}

export const openWebFixture = async (): Promise<WebFixture> => {
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
  const server = await startServer(loadConfig({ store, port: 0, loadBundledHistory: true }));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
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
      const port = Number(new URL(fixture.server.url).port);
      await fixture.server.app.close();
      fixture.server = await startServer(loadConfig({ store, port, loadBundledHistory: false }));
    },
    async close() {
      await context.close().catch(() => undefined);
      await fixture.server.app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
};

/** POST /events through the public API. */
export const postEvents = async (url: string, body: unknown): Promise<{ appended: number; lastPosition: number | null }> => {
  const response = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /events answered ${response.status}: ${text}`);
  return JSON.parse(text);
};
