/**
 * Summarises a V8 CPU profile (`node --cpu-prof dist/bench/run.js --only N`) by self time:
 *
 *   node dist/bench/profile-summary.js CPU.….cpuprofile [--top 25] [--under name] [--inclusive a,b,c]
 *
 * Prints share, milliseconds, function and file:line of the top self-time functions. `--under`
 * keeps only the time spent under call frames of a function of exactly that name (e.g. one
 * contender of a scenario, leaving the harness out). `--inclusive` also prints the total time
 * under each of the named functions (self time of everything they call included).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const file = args.find((a, i) => !a.startsWith('--') && !['--top', '--under', '--inclusive'].includes(args[i - 1]));
if (!file) {
  process.stderr.write('usage: node dist/bench/profile-summary.js <file.cpuprofile> [--top N] [--under name] [--inclusive a,b,c]\n');
  process.exit(2);
}
const top = Number(option('--top') ?? 25) || 25;
const filter = option('--under');
const inclusive = option('--inclusive')?.split(',') ?? [];

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// Self time per node from the samples and their time deltas (µs).
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const under = (id: number): boolean => {
  if (!filter) return true;
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)!.callFrame;
    if (frame.functionName === filter) return true;
  }
  return false;
};

const label = (node: Node): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}\t${where}`;
};

const totals = new Map<string, number>();
const inclusiveTotals = new Map(inclusive.map((name) => [name, 0]));
let total = 0;
for (const [id, us] of self) {
  if (!under(id)) continue;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = byId.get(at)!.callFrame.functionName;
    if (inclusiveTotals.has(name) && !seen.has(name)) {
      seen.add(name);
      inclusiveTotals.set(name, inclusiveTotals.get(name)! + us);
    }
  }
  const key = label(byId.get(id)!);
  totals.set(key, (totals.get(key) ?? 0) + us);
  total += us;
}
const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
process.stdout.write(`${(total / 1000).toFixed(0)} ms sampled${filter ? ` under ${filter}()` : ''}\n`);
for (const [name, us] of inclusiveTotals) {
  process.stdout.write(`inclusive ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}\n`);
}
for (const [key, us] of rows) {
  const [name, where] = key.split('\t');
  process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}  ${where}\n`);
}
