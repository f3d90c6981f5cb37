import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { streamOf } from '../../events';
import { loadConfig } from '../../src/config/parley-config';
import { RunningServer, startServer } from '../../src/http/serve';
import { openRaw, rawWriter } from '../baselines/raw-sqlite';
import { generateEvents } from '../data';
import { Context, interleaved, now, row, Row, Scenario, stat, Stat } from '../harness';
import { bigStore } from './big-store';
import { dbPath, removeDb } from './common';
import type { LoadOptions } from './http-load';

const run = promisify(execFile);

interface Load {
  ok: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

const GET_CONNECTIONS = 10;
const POST_CONNECTIONS = 32;
const TOKEN = 'bench-token';

/** One bounded autocannon round, in a child process (the server keeps this process's core). */
const load = async (options: LoadOptions): Promise<Load> => {
  const { stdout } = await run(process.execPath, [join(__dirname, 'http-load.js'), JSON.stringify(options)], {
    maxBuffer: 1 << 20,
    timeout: (options.seconds + 60) * 1000,
  });
  const result = JSON.parse(stdout) as Load;
  if (result.non2xx > 0 || result.ok === 0) {
    throw new Error(`${options.kind}: ${result.ok} 2xx, ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodes)}), ${result.errors} errors`);
  }
  return result;
};

const BIG_BATCH = 70_000;

/**
 * The report's freeze (issue 13, D6): one ~10 MB batch of 70 000 events — the most the default
 * 10 MiB body limit lets through — POSTed while a child asks GET /health back to back; the longest
 * /health wait while the batch is recorded, against the longest on the same idle server.
 */
const bigBatchStalls = async (context: Context, dir: string): Promise<Row[]> => {
  const file = join(dir, 'big-batch.json');
  const events = Array.from({ length: BIG_BATCH }, (_, i) => ({
    type: 'StatementIssued', negotiation: `big-${i % 3}`, occurredAt: '2020-01-01', data: { speaker: 'a', quote: `statement ${i}` },
  }));
  writeFileSync(file, JSON.stringify(events));
  const megabytes = (statSync(file).size / 1e6).toFixed(1);
  const results: BigBatchLoad[] = [];
  for (let r = 0; r < context.runs; r++) {
    const path = dbPath(dir, `big-${r}`);
    const server = await serve(path, false);
    try {
      context.progress.log(`  6 one ${BIG_BATCH.toLocaleString('en-US')}-event POST while GET /health runs (run ${r + 1})`);
      const { stdout } = await run(process.execPath, [join(__dirname, 'big-batch-load.js'), JSON.stringify({ url: server.url, file, idleMs: 2_000 })], {
        maxBuffer: 1 << 20, timeout: 300_000,
      });
      const result = JSON.parse(stdout) as BigBatchLoad;
      if (result.status !== 201) throw new Error(`the ${BIG_BATCH}-event POST answered ${result.status}`);
      results.push(result);
    } finally {
      await server.app.close();
      removeDb(path);
    }
  }
  rmSync(file);
  const of = (figure: keyof BigBatchLoad): Stat => stat(results.map((r) => r[figure]));
  return [
    row({
      scenario: '6', label: `longest GET /health wait while one ${BIG_BATCH.toLocaleString('en-US')}-event batch is recorded`, unit: 'ms',
      parley: of('healthMaxMs'), baselineName: 'longest /health wait, same server idle (2 s)', baseline: of('idleMaxMs'), target: { kind: 'below', value: 50 },
      note: `A ${megabytes} MB body; one /health request at a time from a child process during the POST (${Math.round(of('healthAnswers').median)} answers, p99 ${of('healthP99Ms').median.toFixed(1)} ms); the POST took ${(of('postMs').median / 1000).toFixed(1)} s. The report measured 1.4 s on the code before the writer thread.`,
    }),
  ];
};

interface BigBatchLoad {
  status: number;
  postMs: number;
  healthAnswers: number;
  healthMaxMs: number;
  healthP99Ms: number;
  idleMaxMs: number;
  idleP99Ms: number;
}

const serve = (store: string, token = true): Promise<RunningServer> =>
  startServer(loadConfig({ store, port: 0, host: '127.0.0.1', apiToken: token ? TOKEN : undefined, loadBundledHistory: false }), { logger: false });

/**
 * Scenario 6: HTTP on loopback, load from autocannon in a child process. GET
 * /negotiations/:n/issues/:i?asOf= (scenario 4's 10 000-event issue in the 1 000 000-event store,
 * random days) requests/s and p99 against the same server's GET /health, rounds alternating; and
 * POST /events of one event per request from 32 connections on a fresh durable store
 * (synchronous=FULL) against raw better-sqlite3 single-event appends (one IMMEDIATE transaction and
 * fsync each), both for the same bounded time.
 */
export const http: Scenario = {
  id: '6',
  title: 'HTTP (autocannon, loopback)',
  async run(context: Context): Promise<Row[]> {
    const seconds = context.quick ? 1 : 5;
    const big = await bigStore(context);
    const dir = context.tempDir('s6');
    const loads: Record<string, Load[]> = { health: [], issue: [], issueAlone: [], post: [] };

    const reader = await serve(big.path);
    try {
      // The first GET of the issue loads it (scenario 4's cold query); the rounds measure it warm.
      const issuePath = `/negotiations/${big.hot.negotiation}/issues/${big.hot.issue}?asOf=2020-06-30`;
      const first = await fetch(`${reader.url}${issuePath}`);
      if (first.status !== 200) throw new Error(`GET ${issuePath}: ${first.status} ${await first.text()}`);
      await load({ url: reader.url, kind: 'issue', connections: GET_CONNECTIONS, seconds: 1, negotiation: big.hot.negotiation, issue: big.hot.issue, seed: 99 });

      const contenders: Record<string, (run: number) => Promise<number>> = {
        health: async (r) => {
          context.progress.log(`  6 GET /health, ${GET_CONNECTIONS} connections, ${seconds} s (run ${r + 1})`);
          const result = await load({ url: reader.url, kind: 'health', connections: GET_CONNECTIONS, seconds, seed: r });
          loads.health.push(result);
          return result.rps;
        },
        issue: async (r) => {
          context.progress.log(`  6 GET issue as-of, ${GET_CONNECTIONS} connections, ${seconds} s (run ${r + 1})`);
          const result = await load({
            url: reader.url, kind: 'issue', connections: GET_CONNECTIONS, seconds, negotiation: big.hot.negotiation, issue: big.hot.issue, seed: 100 + r,
          });
          loads.issue.push(result);
          return result.rps;
        },
        issueAlone: async (r) => {
          context.progress.log(`  6 GET issue as-of, 1 connection, ${seconds} s (run ${r + 1})`);
          const result = await load({
            url: reader.url, kind: 'issue', connections: 1, seconds, negotiation: big.hot.negotiation, issue: big.hot.issue, seed: 200 + r,
          });
          loads.issueAlone.push(result);
          return result.rps;
        },
      };
      const failures: Record<string, string> = {};
      await interleaved(context.runs, contenders, failures);
      if (Object.keys(failures).length > 0) throw new Error(Object.entries(failures).map(([k, v]) => `${k} ${v}`).join('; '));
    } finally {
      await reader.app.close();
    }

    const postFailures: Record<string, string> = {};
    const posts = await interleaved(
      context.runs,
      {
        post: async (r) => {
          const path = dbPath(dir, `post-${r}`);
          const writer = await serve(path);
          let result: Load;
          try {
            context.progress.log(`  6 POST /events, ${POST_CONNECTIONS} connections, ${seconds} s (run ${r + 1})`);
            result = await load({ url: writer.url, kind: 'post', connections: POST_CONNECTIONS, seconds, token: TOKEN, seed: 600 + r });
          } finally {
            await writer.app.close();
          }
          // Every acknowledged event is in the store (more may be: requests cut off at the end).
          const db = new Database(path, { readonly: true });
          const stored = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
          db.close();
          removeDb(path);
          if (stored < result.ok) throw new Error(`POST: ${result.ok} requests acknowledged, ${stored} events stored`);
          loads.post.push(result);
          return result.rps;
        },
        raw: async (r) => {
          const path = dbPath(dir, `raw-${r}`);
          const db = openRaw(path);
          const write = rawWriter(db);
          context.progress.log(`  6 raw single-event appends, ${seconds} s (run ${r + 1})`);
          const events = generateEvents(Number.MAX_SAFE_INTEGER, { ids: 'v7', seed: 600 + r });
          let count = 0;
          const started = now();
          const end = started + seconds * 1000;
          while (now() < end) {
            const event = events.next().value as ReturnType<typeof events.next>['value'] & object;
            write(streamOf(event.negotiation), [event]);
            count++;
          }
          const rate = count / ((now() - started) / 1000);
          db.close();
          removeDb(path);
          return rate;
        },
      },
      postFailures,
    );
    if (!posts.post || !posts.raw) throw new Error(Object.entries(postFailures).map(([k, v]) => `${k} ${v}`).join('; '));

    const stalls = await bigBatchStalls(context, dir);

    const of = (name: string, figure: 'rps' | 'p50' | 'p99'): Stat => stat(loads[name].map((l) => l[figure]));
    const sum = (name: string, figure: 'errors' | 'timeouts') => loads[name].reduce((n, l) => n + l[figure], 0);
    const issue = `${big.hot.events.toLocaleString('en-US')}-event issue in ${big.count.toLocaleString('en-US')} events`;
    return [
      row({
        scenario: '6', label: `GET issue as-of requests/s vs /health (${GET_CONNECTIONS} connections)`, unit: 'req/s',
        parley: of('issue', 'rps'), baselineName: 'GET /health, same server', baseline: of('health', 'rps'), target: { kind: 'ratio-at-least', value: 0.5 },
        note: `${seconds} s rounds of autocannon 8 in a child process against one server on 127.0.0.1 (Fastify, logger off), /health and the issue alternating; the ${issue} at random asOf days, warmed by one request and a 1 s round first. Connection errors: issue ${sum('issue', 'errors')}, health ${sum('health', 'errors')} (cut at the end of a round).`,
      }),
      row({
        scenario: '6', label: 'GET issue as-of p99 over HTTP', unit: 'ms', parley: of('issue', 'p99'), baselineName: 'GET /health p99', baseline: of('health', 'p99'), target: { kind: 'below', value: 5 },
        note: `Latency of every 2xx response, with ${GET_CONNECTIONS} requests in flight (a closed loop: latency ≈ connections ÷ throughput).`,
      }),
      row({ scenario: '6', label: 'GET issue as-of p50 over HTTP', unit: 'ms', parley: of('issue', 'p50'), baselineName: 'GET /health p50', baseline: of('health', 'p50') }),
      row({
        scenario: '6', label: 'GET issue as-of p99, 1 connection (no queueing)', unit: 'ms', parley: of('issueAlone', 'p99'),
        note: `One request in flight: the server's own time per request plus loopback, p50 ${of('issueAlone', 'p50').median.toFixed(2)} ms, ${Math.round(of('issueAlone', 'rps').median).toLocaleString('en-US')} req/s (medians of rounds).`,
      }),
      row({
        scenario: '6', label: `POST /events, ${POST_CONNECTIONS} clients, durable events/s vs raw single appends`, unit: 'events/s',
        parley: posts.post, baselineName: 'raw single (one fsync each)', baseline: posts.raw, target: { kind: 'ratio-at-least', value: 2 },
        note: `One event per request, a fresh store per round (WAL, synchronous=FULL, bearer token); every acknowledged event is checked in the store afterwards. POST p50 ${of('post', 'p50').median.toFixed(1)} ms, p99 ${of('post', 'p99').median.toFixed(1)} ms (medians of rounds).`,
      }),
      ...stalls,
    ];
  },
};
