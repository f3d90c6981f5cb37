/**
 * `npm run bench` — runs every scenario of the benchmark (issue 7) and prints one table: each
 * Parley figure as a ratio against a baseline measured in the same process run, on the same data.
 *
 *   npm run bench                 full size (10+ minutes)
 *   npm run bench -- --quick      a tenth of the size, a smoke check
 *   npm run bench -- --only 1,3   some scenarios
 *   npm run bench -- --runs 5     runs per figure (median reported, min–max shown)
 *   npm run bench -- --json out.json
 */
import { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { packageRoot } from '../src/package-root';
import { loadEmmett } from './baselines/emmett';
import { checkData } from './data';
import { Context, createProgress, createTemp, formatNotes, formatTable, Row, Scenario, unavailableRow } from './harness';
import { singleAppends } from './scenarios/01-single-appends';
import { batchedAppends } from './scenarios/02-batched-appends';
import { replay } from './scenarios/03-replay';
import { issueStateQueries } from './scenarios/04-issue-state';
import { deliveryLatency } from './scenarios/05-delivery-latency';
import { http } from './scenarios/06-http';
import { replayMemory } from './scenarios/07-replay-memory';
import { webhookDelivery } from './scenarios/08-webhooks';
import { postgres } from './scenarios/09-postgres';

export const SCENARIOS: readonly Scenario[] = [singleAppends, batchedAppends, replay, issueStateQueries, deliveryLatency, http, replayMemory, webhookDelivery, postgres];

interface Options {
  quick?: boolean;
  only?: string;
  runs?: string;
  json?: string;
  progress: boolean;
  emmett: boolean;
}

const main = async (): Promise<void> => {
  const program = new Command()
    .name('bench')
    .description('Parley benchmarks: every figure as a ratio against a baseline run in the same process run.')
    .option('--quick', 'each scenario at a tenth of the size (smoke check)')
    .option('--only <ids>', 'only these scenarios, comma-separated (e.g. 1,3)')
    .option('--runs <n>', 'runs per figure (median reported, min–max shown); default 3, 1 with --quick')
    .option('--json <path>', 'where to write the table as JSON (default bench/results/latest[-quick].json)')
    .option('--no-progress', 'no progress bars on stderr')
    .option('--no-emmett', 'skip the Emmett baseline (and its first-run install into bench/emmett)')
    .parse();
  const options = program.opts<Options>();
  const quick = options.quick === true;
  const runs = Math.max(1, Number(options.runs ?? (quick ? 1 : 3)));
  const only = options.only ? new Set(options.only.split(',').map((s) => s.trim())) : undefined;
  const scenarios = SCENARIOS.filter((s) => !only || only.has(s.id));
  const root = packageRoot(__dirname);
  const jsonPath = resolve(options.json ?? join(root, 'bench', 'results', quick ? 'latest-quick.json' : 'latest.json'));

  const progress = createProgress(options.progress && process.stderr.isTTY === true);
  const temp = createTemp();
  const interrupted = () => {
    progress.stop();
    temp.cleanup();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const { meanBytes } = checkData();
  progress.log(`Parley bench: ${quick ? 'quick (a tenth of the size)' : 'full size'}, ${runs} run(s) per figure; events ~${meanBytes} bytes of JSON, validated against the catalog`);

  const emmett = options.emmett ? loadEmmett({ install: true, log: (m) => progress.log(m) }) : 'skipped (--no-emmett)';
  const context: Context = {
    quick,
    runs,
    size: (full) => (quick ? Math.max(1, Math.round(full / 10)) : full),
    progress,
    tempDir: temp.tempDir,
    shared: new Map(),
    emmett: typeof emmett === 'string' ? undefined : emmett,
    emmettProblem: typeof emmett === 'string' ? emmett : undefined,
  };
  if (typeof emmett === 'string') progress.log(`Emmett baseline unavailable: ${emmett}`);

  const started = Date.now();
  const rows: Row[] = [];
  const timings: Record<string, number> = {};
  try {
    for (const scenario of scenarios) {
      const t0 = Date.now();
      progress.log(`— scenario ${scenario.id}: ${scenario.title}`);
      try {
        rows.push(...(await scenario.run(context)));
      } catch (error) {
        progress.log(`scenario ${scenario.id} failed: ${(error as Error).stack ?? String(error)}`);
        rows.push(unavailableRow(scenario.id, scenario.title, '', `failed: ${(error as Error).message}`));
      }
      timings[scenario.id] = (Date.now() - t0) / 1000;
      progress.log(`  scenario ${scenario.id} took ${timings[scenario.id].toFixed(1)} s`);
    }
  } finally {
    progress.stop();
    temp.cleanup();
  }

  const seconds = (Date.now() - started) / 1000;
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    freeMemoryGiB: +(freemem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  const missed = rows.filter((r) => r.met === false);
  process.stdout.write(
    `\n${formatTable(rows)}\n\n${formatNotes(rows)}\n\n` +
      `${quick ? 'quick' : 'full'} run, ${runs} run(s) per figure, ${seconds.toFixed(0)} s; ` +
      `${rows.filter((r) => r.met === true).length} target(s) met, ${missed.length} missed, ${rows.filter((r) => r.status === 'pending').length} pending.\n`,
  );
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(
    jsonPath,
    JSON.stringify({ date: new Date().toISOString(), quick, runs, seconds, timings, machine, emmett: context.emmett?.version ?? context.emmettProblem, rows }, null, 2) + '\n',
  );
  process.stderr.write(`table written to ${jsonPath}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
