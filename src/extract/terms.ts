import { Term } from '../../events';
import { METRICS } from '../../events/gazetteer';

/** A number written in the text, with where it stands: the only source of a term's value. */
export interface NumberToken {
  start: number;
  end: number;
  value: number;
  unit: 'percent' | 'usd_per_hour' | 'years';
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, sixteen: 16, twenty: 20,
};
const WORDS = Object.keys(WORD_NUMBERS).join('|');
const num = (raw: string): number => WORD_NUMBERS[raw.toLowerCase()] ?? Number(raw.replace(/,/g, ''));

/** Percentages, dollars an hour and spans of years, each read from digits (or number words) in the text. */
export const findNumbers = (text: string): NumberToken[] => {
  const out: NumberToken[] = [];
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b|pct\b)/gi)) out.push({ start: m.index, end: m.index + m[0].length, value: num(m[1]), unit: 'percent' });
  for (const m of text.matchAll(/\$\s?(\d+(?:\.\d+)?)\s*(?:(?:an|a|per)\s+)?hour\b/gi)) out.push({ start: m.index, end: m.index + m[0].length, value: num(m[1]), unit: 'usd_per_hour' });
  for (const m of text.matchAll(new RegExp(String.raw`\b(?:every|after|over|within|for)\s+(\d+|${WORDS})\s+years\b|\b(\d+|${WORDS})-year\b`, 'gi'))) {
    out.push({ start: m.index, end: m.index + m[0].length, value: num(m[1] ?? m[2]), unit: 'years' });
  }
  return out.sort((a, b) => a.start - b.start);
};

const cueRe = (cue: string) => new RegExp(cue, 'gi');

/** The metric a number measures: the nearest cue of a metric of this issue, in the same clause. */
const metricFor = (text: string, token: NumberToken, issue: string | undefined): string | undefined => {
  let best: { metric: string; distance: number } | undefined;
  for (const metric of METRICS) {
    if (metric.unit !== token.unit && !(metric.unit === 'percent' && token.unit === 'percent')) continue;
    if (metric.issues.length > 0 && (!issue || !metric.issues.includes(issue))) continue;
    for (const cue of metric.cues) {
      for (const m of text.matchAll(cueRe(cue))) {
        const distance = m.index >= token.end ? m.index - token.end : token.start - (m.index + m[0].length);
        const between = text.slice(Math.min(m.index, token.end), Math.max(m.index, token.start));
        if (distance > 80 || /[;]|\bcountering\b|\bwhile\b/i.test(between)) continue;
        if (!best || distance < best.distance) best = { metric: metric.metric, distance };
      }
    }
  }
  return best?.metric;
};

/** Text-only terms: a metric's cue with no number beside it (a vague or digit-stripped claim). */
const textTerms = (text: string, issue: string | undefined): Term[] => {
  const terms: Term[] = [];
  for (const metric of METRICS) {
    if (metric.metric === 'tariff_rate' || metric.metric === 'labor_wage_floor') continue;
    if (metric.issues.length > 0 && (!issue || !metric.issues.includes(issue))) continue;
    const m = metric.cues.map((c) => new RegExp(c, 'i').exec(text)).find((x) => x);
    if (!m || terms.some((t) => t.metric === metric.metric)) continue;
    const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, m.index - 60)));
    const stripped = /\b(?:some|about|only|of|from|to)\s{2,}percent\b/i.test(text);
    terms.push({
      metric: metric.metric,
      text: text.slice(from, Math.min(text.length, m.index + m[0].length + 60)).trim().replace(/\s+/g, ' '),
      ...(stripped ? { note: 'the source gives no figure here (digits missing)' } : {}),
    });
  }
  return terms;
};

/**
 * Terms of a position from its quote only: each number that a metric cue explains becomes value+unit;
 * a cue without a number becomes a text-only term. Nothing is ever computed or guessed.
 */
export const termsFrom = (quote: string, issue: string | undefined): { terms: Term[]; numbers: NumberToken[] } => {
  const numbers = findNumbers(quote);
  const terms: Term[] = [];
  for (const token of numbers) {
    const metric = metricFor(quote, token, issue);
    if (!metric || terms.some((t) => t.metric === metric)) continue;
    terms.push({ metric, value: token.value, unit: token.unit });
  }
  if (terms.length === 0) terms.push(...textTerms(quote, issue));
  return { terms, numbers };
};

/** Every number in `data` must be written in the quote (digits or a number word). */
export const numbersStatedIn = (values: readonly number[], quote: string): boolean =>
  values.every((v) => {
    if (new RegExp(`(?<![\\d.])${String(v).replace('.', '\\.')}(?![\\d])`).test(quote)) return true;
    const word = Object.entries(WORD_NUMBERS).find(([, n]) => n === v)?.[0];
    return word !== undefined && new RegExp(`\\b${word}\\b`, 'i').test(quote);
  });
