/**
 * Child process of scenario 6: POSTs one large batch (a JSON file) to a Parley server on 127.0.0.1
 * and, while it is in flight, asks GET /health back to back, one at a time. Prints {status,
 * postMs, healthAnswers, healthMaxMs, healthP99Ms, idleMaxMs, idleP99Ms} as JSON; the idle figures
 * are the same loop for as long on the same server before the POST (the baseline).
 */
import { readFileSync } from 'node:fs';

interface Options {
  url: string;
  file: string;
  idleMs: number;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};

/** /health, one request at a time, until `done()`; each answer's latency. */
const healthLoop = async (url: string, done: () => boolean): Promise<number[]> => {
  const latencies: number[] = [];
  while (!done()) {
    const started = performance.now();
    const answer = await fetch(`${url}/health`);
    await answer.arrayBuffer();
    latencies.push(performance.now() - started);
  }
  return latencies;
};

const main = async (): Promise<void> => {
  const options = JSON.parse(process.argv[2]) as Options;
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(options.url)) throw new Error(`loopback only: ${options.url}`);
  const body = readFileSync(options.file);
  // The server's first answer compiles its route: not part of either figure.
  await (await fetch(`${options.url}/health`)).arrayBuffer();
  const idleUntil = performance.now() + options.idleMs;
  const idle = await healthLoop(options.url, () => performance.now() > idleUntil);
  let finished = false;
  const started = performance.now();
  const post = fetch(`${options.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (answer) => {
    await answer.arrayBuffer();
    finished = true;
    return { status: answer.status, ms: performance.now() - started };
  });
  const during = await healthLoop(options.url, () => finished);
  const { status, ms } = await post;
  process.stdout.write(
    `${JSON.stringify({
      status, postMs: ms, healthAnswers: during.length, healthMaxMs: Math.max(0, ...during), healthP99Ms: percentile(during, 99),
      idleMaxMs: Math.max(0, ...idle), idleP99Ms: percentile(idle, 99),
    })}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
