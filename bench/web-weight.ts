/**
 * `npm run bench:web` — the web page's weight and first-table time on an emulated slow phone
 * (Chromium through playwright-core, CDP throttling: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT,
 * CPU 4x slower, 390x844). Each figure is the median of --runs loads of the default view on the
 * bundled history, with a cold cache. The baseline, measured in the same run on the same server,
 * is the same page fetched without compression (Accept-Encoding: identity), i.e. as it was served
 * before the build wrote .br/.gz copies.
 *
 *   npm run build && npm run build:web && npm run bench:web [-- --runs 5] [-- --json out.json]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../src/config/parley-config';
import { startServer } from '../src/http/serve';

const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const SLOW_PHONE = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

interface Load {
  /** Bytes on the wire by kind (script, stylesheet, document, fetch, other). */
  bytes: Record<string, number>;
  total: number;
  requests: number;
  apiRequests: number;
  fcpMs: number;
  tableMs: number;
  chartsMs: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const loadOnce = async (browser: Browser, url: string, compressed: boolean): Promise<Load> => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'UTC' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_PHONE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (!compressed) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  const kinds = new Map<string, string>();
  const bytes: Record<string, number> = {};
  let requests = 0;
  let apiRequests = 0;
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: { url: string } }) => {
    kinds.set(e.requestId, e.type.toLowerCase());
  });
  cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => {
    requests++;
    const path = new URL(e.request.url).pathname;
    if (path !== '/' && !path.startsWith('/assets') && !path.startsWith('/subscriptions')) apiRequests++;
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    const kind = kinds.get(e.requestId) ?? 'other';
    bytes[kind] = (bytes[kind] ?? 0) + e.encodedDataLength;
  });
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('#state-table').waitFor({ timeout: 60_000 });
  const tableMs = Date.now() - start;
  await page.locator('.positions-figure svg').first().waitFor({ timeout: 60_000 });
  await page.locator('.timeline-chart svg').first().waitFor({ timeout: 60_000 });
  const chartsMs = Date.now() - start;
  const fcpMs = Number(await page.evaluate(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1`));
  await context.close();
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return { bytes, total, requests, apiRequests, fcpMs: Math.round(fcpMs), tableMs, chartsMs };
};

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const main = async () => {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'parley-web-bench-'));
  const server = await startServer(loadConfig({ store: join(dir, 'parley.db'), port: 0, loadBundledHistory: true }));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const url = `${server.url}/`;
  const results: Record<'compressed' | 'identity', Load[]> = { compressed: [], identity: [] };
  try {
    await loadOnce(browser, url, true); // warm the server's caches, not the browser's (each load has a fresh context)
    for (let i = 0; i < runs; i++) {
      results.compressed.push(await loadOnce(browser, url, true));
      results.identity.push(await loadOnce(browser, url, false));
    }
  } finally {
    await browser.close();
    await server.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = (loads: Load[]) => ({
    total: median(loads.map((l) => l.total)),
    script: median(loads.map((l) => l.bytes.script ?? 0)),
    api: median(loads.map((l) => (l.bytes.fetch ?? 0) + (l.bytes.xhr ?? 0))),
    requests: median(loads.map((l) => l.requests)),
    apiRequests: median(loads.map((l) => l.apiRequests)),
    fcpMs: median(loads.map((l) => l.fcpMs)),
    tableMs: median(loads.map((l) => l.tableMs)),
    chartsMs: median(loads.map((l) => l.chartsMs)),
  });
  const c = summary(results.compressed);
  const b = summary(results.identity);
  const row = (name: string, value: (s: typeof c) => string, ratio?: (s: typeof c) => number) =>
    `| ${name} | ${value(c)} | ${value(b)} | ${ratio ? `${(ratio(c) / ratio(b)).toFixed(2)}x` : ''} |`;
  const table = [
    `Web page on an emulated slow phone (1.6 Mbit/s, 150 ms RTT, CPU 4x, 390x844), default view, cold cache, median of ${runs}`,
    '',
    '| figure | compressed (as served) | baseline: identity | ratio |',
    '|---|---|---|---|',
    row('bytes on the wire, total', (s) => kb(s.total), (s) => s.total),
    row('  of which JavaScript', (s) => kb(s.script), (s) => s.script),
    row('  of which API answers', (s) => kb(s.api), (s) => s.api),
    row('requests (API requests)', (s) => `${s.requests} (${s.apiRequests})`),
    row('first contentful paint', (s) => `${s.fcpMs} ms`, (s) => s.fcpMs),
    row('state table visible', (s) => `${s.tableMs} ms`, (s) => s.tableMs),
    row('charts drawn', (s) => `${s.chartsMs} ms`, (s) => s.chartsMs),
  ].join('\n');
  console.log(table);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ runs, compressed: results.compressed, identity: results.identity }, null, 2));
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
