import { MultiBar, Presets, SingleBar } from 'cli-progress';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmmettModule } from './baselines/emmett';

/** Several runs of one figure: the median is reported, min–max shown. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export const stat = (samples: readonly number[]): Stat => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples: [...samples] };
};

/** Percentile (nearest rank) of a list of numbers. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

/** A target on one row: a ratio against the baseline, or an absolute bound on the Parley figure. */
export type Target =
  | { kind: 'ratio-at-least'; value: number }
  | { kind: 'ratio-at-most'; value: number }
  | { kind: 'below'; value: number }
  | { kind: 'none' };

export interface Row {
  /** "1", "2", "5" … the scenario number. */
  scenario: string;
  label: string;
  unit: string;
  status: 'measured' | 'pending' | 'unavailable';
  parley?: Stat;
  baselineName?: string;
  baseline?: Stat;
  /** parley.median / baseline.median. */
  ratio?: number;
  target: string;
  met?: boolean;
  note?: string;
}

export const describeTarget = (target: Target, unit: string): string => {
  switch (target.kind) {
    case 'ratio-at-least':
      return `≥ ${target.value}×`;
    case 'ratio-at-most':
      return `≤ ${target.value}×`;
    case 'below':
      return `< ${target.value} ${unit}`;
    default:
      return '(info)';
  }
};

/** Builds a measured row: ratio and met? follow from the target. */
export const row = (fields: {
  scenario: string;
  label: string;
  unit: string;
  parley: Stat;
  baselineName?: string;
  baseline?: Stat;
  target?: Target;
  note?: string;
}): Row => {
  const target = fields.target ?? { kind: 'none' };
  const ratio = fields.baseline ? fields.parley.median / fields.baseline.median : undefined;
  let met: boolean | undefined;
  if (target.kind === 'ratio-at-least') met = ratio !== undefined && ratio >= target.value;
  if (target.kind === 'ratio-at-most') met = ratio !== undefined && ratio <= target.value;
  if (target.kind === 'below') met = fields.parley.median < target.value;
  return { ...fields, status: 'measured', ratio, target: describeTarget(target, fields.unit), met };
};

export const pendingRow = (scenario: string, label: string, target: string, reason: string): Row => ({
  scenario, label, unit: '', status: 'pending', target, note: reason,
});

export const unavailableRow = (scenario: string, label: string, target: string, reason: string): Row => ({
  scenario, label, unit: '', status: 'unavailable', target, note: reason,
});

export interface Progress {
  /** A bar for one step of a scenario; tick it as work is done. */
  bar(label: string, total: number): { tick(n?: number): void; done(): void };
  log(message: string): void;
}

export interface Context {
  quick: boolean;
  runs: number;
  /** Scales a full-size count down for --quick (a tenth). */
  size(full: number): number;
  progress: Progress;
  /** A fresh directory under os.tmpdir(), removed when the run ends. */
  tempDir(label: string): string;
  /** State shared between scenarios of one run (e.g. the 1 000 000-event store built once). */
  shared: Map<string, unknown>;
  emmett?: EmmettModule;
  emmettProblem?: string;
}

export interface Scenario {
  id: string;
  title: string;
  run(context: Context): Promise<Row[]>;
}

/**
 * Runs each contender once per run, interleaved (Parley, baseline, Parley, baseline…), so that drift
 * in the machine's speed touches every contender alike; returns one Stat per contender. A contender
 * that throws (a baseline's own bug, say) drops out with its error in `failures`; the others go on.
 */
export const interleaved = async <K extends string>(
  runs: number,
  contenders: Record<K, (run: number) => Promise<number>>,
  failures: Partial<Record<K, string>> = {},
): Promise<Partial<Record<K, Stat>>> => {
  const samples = {} as Record<K, number[]>;
  for (const name of Object.keys(contenders) as K[]) samples[name] = [];
  for (let run = 0; run < runs; run++) {
    for (const name of Object.keys(contenders) as K[]) {
      if (failures[name] !== undefined) continue;
      try {
        samples[name].push(await contenders[name](run));
      } catch (error) {
        failures[name] = `failed in run ${run + 1}: ${(error as Error).message}`;
      }
    }
  }
  const stats: Partial<Record<K, Stat>> = {};
  for (const name of Object.keys(samples) as K[]) {
    if (failures[name] === undefined && samples[name].length > 0) stats[name] = stat(samples[name]);
  }
  return stats;
};

export const now = (): number => performance.now();

export const createTemp = () => {
  const dirs: string[] = [];
  return {
    tempDir: (label: string): string => {
      const dir = mkdtempSync(join(tmpdir(), `parley-bench-${label}-`));
      dirs.push(dir);
      return dir;
    },
    cleanup: () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
};

export const createProgress = (enabled: boolean): Progress & { stop(): void } => {
  const multi = enabled
    ? new MultiBar(
        {
          stream: process.stderr,
          format: ' {label} |{bar}| {value}/{total} {duration_formatted}',
          hideCursor: true,
          clearOnComplete: false,
          barsize: 30,
          etaBuffer: 50,
        },
        Presets.shades_classic,
      )
    : undefined;
  return {
    bar: (label: string, total: number) => {
      const bar: SingleBar | undefined = multi?.create(total, 0, { label: label.padEnd(52).slice(0, 52) });
      let value = 0;
      let last = 0;
      return {
        tick: (n = 1) => {
          value += n;
          // Redraw at most ~100 times per bar: progress must not cost the benchmark anything measurable.
          if (bar && (value - last >= total / 100 || value >= total)) {
            bar.update(value);
            last = value;
          }
        },
        done: () => {
          bar?.update(total);
          bar?.stop();
          if (bar) multi?.remove(bar);
        },
      };
    },
    log: (message: string) => (multi ? multi.log(`${message}\n`) : process.stderr.write(`${message}\n`)),
    stop: () => multi?.stop(),
  };
};

const fmtNumber = (value: number, unit: string): string => {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'ms') return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
  if (unit === 'MB') return value.toFixed(0);
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
};

export const formatStat = (s: Stat | undefined, unit: string): string =>
  s === undefined ? '—' : `${fmtNumber(s.median, unit)} ${unit} (${fmtNumber(s.min, unit)}–${fmtNumber(s.max, unit)})`;

/** The table: scenario, Parley, baseline, ratio, target, met? — as Markdown, which also reads well in a terminal. */
export const formatTable = (rows: readonly Row[]): string => {
  const header = ['#', 'figure', 'Parley (median, min–max)', 'baseline', 'ratio', 'target', 'met?'];
  const lines = rows.map((r) => {
    if (r.status !== 'measured') return [r.scenario, r.label, r.status, r.note ?? '', '', r.target, r.status];
    const baseline = r.baseline ? `${r.baselineName}: ${formatStat(r.baseline, r.unit)}` : r.baselineName ?? '—';
    return [
      r.scenario,
      r.label,
      formatStat(r.parley, r.unit),
      baseline,
      r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)}×`,
      r.target,
      r.met === undefined ? '' : r.met ? 'yes' : 'NO',
    ];
  });
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...lines.map((cells) => `| ${cells.map(escape).join(' | ')} |`),
  ].join('\n');
};

export const formatNotes = (rows: readonly Row[]): string =>
  rows
    .filter((r) => r.note && r.status === 'measured')
    .map((r) => `- ${r.scenario} ${r.label}: ${r.note}`)
    .join('\n');
