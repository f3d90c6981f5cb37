/**
 * Scoring of extraction against hand-labelled gold events (pure): a draft matches a gold event on
 * type + party + overlapping span; matched pairs are then checked field by field.
 */
import { Draft } from '../src/extract/draft';

export interface GoldTerm {
  metric: string;
  value?: number;
}

export interface GoldEvent {
  type: string;
  party?: string;
  issue?: string;
  date: string;
  confidence: string;
  /** Absent: no figure expected (a draft with a numeric term is wrong). */
  terms?: GoldTerm[];
  quote: string;
  note?: string;
}

export interface GoldArticle {
  article: string;
  published?: string;
  /** Written and labelled after the rules were last changed, and not used to change them since. */
  heldOut?: boolean;
  events: GoldEvent[];
}

export interface FieldScores {
  issue: number;
  terms: number;
  date: number;
  confidence: number;
  all: number;
}

export interface ArticleScore {
  article: string;
  gold: number;
  drafts: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  /** Counts of matched pairs with each field right. */
  right: FieldScores;
  misses: GoldEvent[];
  extras: Draft[];
  wrongFields: { gold: GoldEvent; draft: Draft; fields: string[] }[];
}

/** Where a gold quote stands in the text, white space compared loosely (sources carry odd spaces). */
export const locateQuote = (text: string, quote: string): { start: number; end: number } | undefined => {
  const pattern = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  const m = new RegExp(pattern, 'u').exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
};

/** The figures a draft states, as gold terms: position terms, or a tariff line's rate. */
export const draftTerms = (draft: Draft): GoldTerm[] => {
  const data = draft.event.data as { terms?: { metric: string; value?: number }[]; rate?: { value: number } };
  if (data.terms) return data.terms.map((t) => ({ metric: t.metric, value: t.value }));
  if (data.rate) return [{ metric: 'tariff_rate', value: data.rate.value }];
  return [];
};

/** Every figure of the gold is stated with its value, no other figure is, and every text-only gold metric is there. */
export const termsAgree = (gold: GoldTerm[] | undefined, drafted: GoldTerm[]): boolean => {
  const numbers = (terms: GoldTerm[]) => terms.filter((t) => t.value !== undefined).map((t) => `${t.metric}=${t.value}`).sort().join(',');
  const expected = gold ?? [];
  if (numbers(expected) !== numbers(drafted)) return false;
  return expected.filter((t) => t.value === undefined).every((t) => drafted.some((d) => d.metric === t.metric));
};

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

export const scoreArticle = (text: string, gold: GoldArticle, drafts: readonly Draft[]): ArticleScore => {
  const free = new Set(drafts);
  const right: FieldScores = { issue: 0, terms: 0, date: 0, confidence: 0, all: 0 };
  const misses: GoldEvent[] = [];
  const wrongFields: ArticleScore['wrongFields'] = [];
  let matched = 0;
  for (const g of gold.events) {
    const span = locateQuote(text, g.quote);
    if (!span) throw new Error(`${gold.article}: gold quote not found in the text: "${g.quote.slice(0, 60)}"`);
    const candidates = [...free]
      .filter((d) => d.event.type === g.type && (d.event.party ?? undefined) === (g.party ?? undefined) && overlap(d.span, span) > 0)
      .sort((a, b) => overlap(b.span, span) - overlap(a.span, span));
    // Among equally placed drafts, the one whose figures agree (two tariff lines from one sentence).
    const best = candidates.find((d) => termsAgree(g.terms, draftTerms(d))) ?? candidates[0];
    if (!best) {
      misses.push(g);
      continue;
    }
    free.delete(best);
    matched++;
    const checks = {
      issue: (best.event.issue ?? undefined) === (g.issue ?? undefined),
      terms: termsAgree(g.terms, draftTerms(best)),
      date: best.event.occurredAt === g.date,
      confidence: best.event.confidence === g.confidence,
    };
    for (const [field, ok] of Object.entries(checks)) if (ok) right[field as keyof FieldScores]++;
    const wrong = Object.entries(checks).filter(([, ok]) => !ok).map(([field]) => field);
    if (wrong.length === 0) right.all++;
    else wrongFields.push({ gold: g, draft: best, fields: wrong });
  }
  const precision = drafts.length === 0 ? 0 : matched / drafts.length;
  const recall = gold.events.length === 0 ? 0 : matched / gold.events.length;
  return {
    article: gold.article, gold: gold.events.length, drafts: drafts.length, matched, precision, recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), right, misses, extras: [...free], wrongFields,
  };
};

/** Micro-averaged totals over articles. */
export const totalScore = (scores: readonly ArticleScore[]): ArticleScore => {
  const sum = (f: (s: ArticleScore) => number) => scores.reduce((acc, s) => acc + f(s), 0);
  const gold = sum((s) => s.gold);
  const drafts = sum((s) => s.drafts);
  const matched = sum((s) => s.matched);
  const precision = drafts === 0 ? 0 : matched / drafts;
  const recall = gold === 0 ? 0 : matched / gold;
  const right = { issue: 0, terms: 0, date: 0, confidence: 0, all: 0 };
  for (const s of scores) for (const k of Object.keys(right) as (keyof FieldScores)[]) right[k] += s.right[k];
  return {
    article: 'overall', gold, drafts, matched, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), right,
    misses: scores.flatMap((s) => s.misses), extras: scores.flatMap((s) => s.extras), wrongFields: scores.flatMap((s) => s.wrongFields),
  };
};
