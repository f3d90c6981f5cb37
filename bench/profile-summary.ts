/**
 * Summarises a V8 CPU profile (`node --cpu-prof dist/bench/run.js --only N`) by self time:
 *
 *   node dist/bench/profile-summary.js CPU.….cpuprofile [--top 25] [--filter text]
 *
 * Prints share, milliseconds, function and file:line of the top self-time functions. `--filter`
 * keeps only the time spent under call frames whose function or URL contains the text (e.g. a
 * scenario's server work, leaving the harness out).
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
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--top' && args[args.indexOf(a) - 1] !== '--filter');
if (!file) {
  process.stderr.write('usage: node dist/bench/profile-summary.js <file.cpuprofile> [--top N] [--filter text]\n');
  process.exit(2);
}
const top = Number(args[args.indexOf('--top') + 1] ?? 25) || 25;
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : undefined;

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
    if (frame.functionName.includes(filter) || frame.url.includes(filter)) return true;
  }
  return false;
};

const label = (node: Node): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}\t${where}`;
};

const totals = new Map<string, number>();
let total = 0;
for (const [id, us] of self) {
  if (!under(id)) continue;
  const key = label(byId.get(id)!);
  totals.set(key, (totals.get(key) ?? 0) + us);
  total += us;
}
const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
process.stdout.write(`${(total / 1000).toFixed(0)} ms sampled${filter ? ` under "${filter}"` : ''}\n`);
for (const [key, us] of rows) {
  const [name, where] = key.split('\t');
  process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}  ${where}\n`);
}
