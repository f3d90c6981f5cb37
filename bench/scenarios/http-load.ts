/**
 * Child process of scenario 6: one bounded autocannon round against a Parley server on 127.0.0.1,
 * in its own process so that the load generator and the server each have a core. Prints
 * {ok, seconds, rps, p50, p99, non2xx, errors, timeouts, statusCodes} as JSON; latencies are every
 * 2xx response's own time (ms, not autocannon's whole-millisecond histogram).
 */
import { generateEvents, prng } from '../data';

// autocannon ships no types; the part of its API used here.
interface Instance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
interface Result {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface Request {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
}
type Autocannon = ((options: Record<string, unknown>) => Instance & Promise<Result>) & { aggregateResult?: unknown };
const autocannon = require('autocannon') as Autocannon;

export interface LoadOptions {
  url: string;
  kind: 'health' | 'issue' | 'post';
  connections: number;
  seconds: number;
  negotiation?: string;
  issue?: string;
  token?: string;
  seed: number;
}

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2016, 11, 1);
const LAST_DAY = Date.UTC(2026, 1, 1);

const main = async (): Promise<void> => {
  const options = JSON.parse(process.argv[2]) as LoadOptions;
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(options.url)) throw new Error(`loopback only: ${options.url}`);
  let setupRequest: ((request: Request) => Request) | undefined;
  let method = 'GET';
  let path = '/health';
  const headers: Record<string, string> = {};
  if (options.kind === 'issue') {
    const random = prng(options.seed);
    const span = (LAST_DAY - FIRST_DAY) / DAY;
    const days = Array.from({ length: 65_536 }, () => new Date(FIRST_DAY + random.int(span + 1) * DAY).toISOString().slice(0, 10));
    const base = `/negotiations/${options.negotiation}/issues/${options.issue}?asOf=`;
    let k = 0;
    path = `${base}${days[0]}`;
    setupRequest = (request) => {
      request.path = base + days[k++ & 65_535];
      return request;
    };
  } else if (options.kind === 'post') {
    method = 'POST';
    path = '/events';
    headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const events = generateEvents(Number.MAX_SAFE_INTEGER, { ids: 'v7', seed: options.seed });
    setupRequest = (request) => {
      request.body = JSON.stringify(events.next().value);
      return request;
    };
  }
  const latencies: number[] = [];
  const started = performance.now();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method,
    headers,
    requests: [setupRequest ? { method, path, setupRequest } : { method, path }],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  process.stdout.write(
    `${JSON.stringify({
      ok: latencies.length,
      seconds,
      rps: latencies.length / seconds,
      p50: at(50),
      p99: at(99),
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    })}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
