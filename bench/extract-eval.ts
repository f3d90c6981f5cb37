/**
 * `npm run eval:extract` — runs the extraction engine over the hand-labelled corpus
 * (tests/extract/corpus: articles and their gold events) and prints, per article and overall,
 * detection precision / recall / F1 and the share of matched drafts with each field right.
 *
 *   npm run eval:extract               the table
 *   npm run eval:extract -- --details  also every miss, extra draft and wrong field
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDrafts } from '../src/extract/extract-drafts';
import { packageRoot } from '../src/package-root';
import { ArticleScore, draftTerms, GoldArticle, scoreArticle, totalScore } from './extract-eval-score';

/** Fixed so that the figures do not depend on the day the evaluation runs. */
const TODAY = '2026-12-03';

const pct = (n: number, of: number): string => (of === 0 ? '—' : `${((100 * n) / of).toFixed(0)}%`);
const f2 = (n: number): string => n.toFixed(2);

const row = (s: ArticleScore): string =>
  `| ${s.article.replace(/\.txt$/, '')} | ${s.gold} | ${s.drafts} | ${s.matched} | ${f2(s.precision)} | ${f2(s.recall)} | ${f2(s.f1)} | ` +
  `${pct(s.right.issue, s.matched)} | ${pct(s.right.terms, s.matched)} | ${pct(s.right.date, s.matched)} | ${pct(s.right.confidence, s.matched)} | ${pct(s.right.all, s.matched)} | ${pct(s.right.all, s.gold)} |`;

const main = (): void => {
  const root = join(packageRoot(__dirname), 'tests', 'extract', 'corpus');
  const details = process.argv.includes('--details');
  const scores: ArticleScore[] = [];
  const heldOut = new Set<string>();
  for (const file of readdirSync(join(root, 'gold')).filter((f) => f.endsWith('.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(root, 'gold', file), 'utf8')) as GoldArticle;
    const text = readFileSync(join(root, 'articles', gold.article), 'utf8');
    const { drafts } = extractDrafts(text, { published: gold.published, today: TODAY, document: gold.article });
    const score = scoreArticle(text, gold, drafts);
    if (gold.heldOut) heldOut.add(score.article);
    scores.push(score);
    if (details) {
      for (const m of score.misses) process.stdout.write(`MISS  ${gold.article} ${m.type} ${m.party ?? '-'} "${m.quote.slice(0, 80)}"\n`);
      for (const d of score.extras) process.stdout.write(`EXTRA ${gold.article} ${d.event.type} ${d.event.party ?? '-'} "${text.slice(d.span.start, d.span.end).slice(0, 80)}" [${d.why.join(',')}]\n`);
      for (const w of score.wrongFields) {
        const got = { issue: w.draft.event.issue, terms: JSON.stringify(draftTerms(w.draft)), date: w.draft.event.occurredAt, confidence: w.draft.event.confidence };
        const want = { issue: w.gold.issue, terms: JSON.stringify(w.gold.terms ?? []), date: w.gold.date, confidence: w.gold.confidence };
        process.stdout.write(`FIELD ${gold.article} ${w.gold.type} ${w.fields.map((f) => `${f}: got ${got[f as keyof typeof got]} want ${want[f as keyof typeof want]}`).join('; ')}\n`);
      }
    }
  }
  const total = totalScore(scores);
  const tuned = totalScore(scores.filter((s) => !heldOut.has(s.article)));
  const held = totalScore(scores.filter((s) => heldOut.has(s.article)));
  const label = (s: ArticleScore) => (heldOut.has(s.article) ? { ...s, article: `${s.article.replace(/\.txt$/, '')} (held out)` } : s);
  process.stdout.write(
    [
      '| article | gold | drafts | matched | precision | recall | F1 | issue | terms | date | confidence | all fields (of matched) | all fields (of gold) |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...scores.map((s) => row(label(s))),
      row({ ...tuned, article: 'seeds + written (used to write the rules)' }),
      row({ ...held, article: 'held out (not used to write the rules)' }),
      row(total).replace(/^\| overall/, '| **overall**'),
      '',
    ].join('\n'),
  );
};

main();
