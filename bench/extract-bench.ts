/**
 * `npm run bench:extract` — how long the extraction engine takes on a 1 000-word article (target:
 * under 200 ms on the project machine). The baseline in the same run is compromise's tokenizer over
 * the same text: the sentence splitting every run needs, so the ratio says what the rules cost on top.
 *
 *   npm run bench:extract              1 000 words, 30 runs after 5 warm-ups
 *   npm run bench:extract -- --words 5000 --runs 10
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { extractDrafts } from '../src/extract/extract-drafts';
import { packageRoot } from '../src/package-root';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

/** Paragraphs of the labelled corpus, in order, until the article has `words` words. */
const articleOf = (words: number): string => {
  const dir = join(packageRoot(__dirname), 'tests', 'extract', 'corpus', 'articles');
  const sources = ['e01-steel-tariffs-2018.txt', 'e03-geneva-truce-2025.txt', '002_26e7290bcb3806d4.txt', '000_3f9adb5ce6b3ea5f.txt', 'e05-eu-framework-2025.txt', 'e02-metal-tariffs-lifted-2019.txt'];
  const paragraphs = sources.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((p) => p.trim() !== ''));
  const out: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const p = paragraphs[i % paragraphs.length];
    out.push(p);
    count += p.split(/\s+/).length;
  }
  return out.join('\n\n');
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const time = (runs: number, fn: () => unknown): number[] => {
  for (let i = 0; i < 5; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
};

const main = (): void => {
  const words = arg('words', 1000);
  const runs = arg('runs', 30);
  const text = articleOf(words);
  const actual = text.split(/\s+/).length;
  const cold = process.hrtime.bigint();
  const { drafts } = extractDrafts(text, { published: '2025-05-12', today: '2026-12-03' });
  const coldMs = Number(process.hrtime.bigint() - cold) / 1e6;
  const engine = time(runs, () => extractDrafts(text, { published: '2025-05-12', today: '2026-12-03' }));
  const baseline = time(runs, () => nlp.tokenize(text).json({ offset: true }));
  const m = median(engine);
  const b = median(baseline);
  process.stdout.write(
    [
      `| what | words | drafts | median ms | min–max ms | vs baseline |`,
      `|---|---|---|---|---|---|`,
      `| extractDrafts (first call, cold) | ${actual} | ${drafts.length} | ${coldMs.toFixed(1)} | — | — |`,
      `| extractDrafts (warm, ${runs} runs) | ${actual} | ${drafts.length} | ${m.toFixed(1)} | ${Math.min(...engine).toFixed(1)}–${Math.max(...engine).toFixed(1)} | ${(m / b).toFixed(1)}× |`,
      `| baseline: compromise tokenize | ${actual} | — | ${b.toFixed(1)} | ${Math.min(...baseline).toFixed(1)}–${Math.max(...baseline).toFixed(1)} | 1.0× |`,
      `target: a ${words}-word article in < 200 ms — ${m < 200 ? 'met' : 'MISSED'} (median ${m.toFixed(1)} ms)`,
      '',
    ].join('\n'),
  );
};

main();
