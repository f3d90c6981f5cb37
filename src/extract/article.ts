import { createHash } from 'node:crypto';
import { isValidPartialDate } from '../../events';
import { ArticleInfo } from './draft';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?$/i;
const PUBLISHERS = ['Reuters', 'AP', 'Associated Press', 'AFP', 'Bloomberg', 'Xinhua', 'Kyodo', 'Dow Jones'];

export const documentHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const monthIndex = (word: string): number => {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  return MONTH_ABBR.test(w) ? MONTHS.findIndex((m) => m.startsWith(w.slice(0, 3))) + 1 : 0;
};

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A wire dateline at the head of the text: "WASHINGTON, March 8 (Reuters) -", "mexico city  reuters".
 * Its date (if any) takes the year of `yearHint` when it names none.
 */
export const readDateline = (text: string, yearHint?: number): { publisher?: string; date?: string } => {
  const head = text.slice(0, 400);
  const names = PUBLISHERS.map((p) => p.replace(/ /g, '\\s+')).join('|');
  const match = new RegExp(`^\\s*([A-Za-z][A-Za-z .,'-]{1,40}?)[,\\s]+(?:([A-Za-z]{3,9}\\.?)\\s+(\\d{1,2})(?:,\\s*(\\d{4}))?\\s*)?\\(?\\s*(${names})\\s*\\)?\\s*(?:[-–—]|\\s{2,}|$)`, 'im').exec(head);
  if (!match) return {};
  const publisher = PUBLISHERS.find((p) => p.toLowerCase() === match[5].replace(/\s+/g, ' ').toLowerCase());
  const month = match[2] ? monthIndex(match[2]) : 0;
  const year = match[4] ? Number(match[4]) : yearHint;
  if (!month || !year) return { publisher };
  const date = `${year}-${pad(month)}-${pad(Number(match[3]))}`;
  return { publisher, date: isValidPartialDate(date) ? date : undefined };
};

/** Where the body starts after a wire dateline ("WASHINGTON, March 8 (Reuters) - "), or 0. */
export const datelineEnd = (text: string): number => {
  const m = /^[\s\S]{0,300}?\((?:Reuters|AP|AFP|Bloomberg|Xinhua|Kyodo)\)\s*[-–—]\s*/.exec(text);
  return m && !/\n\s*\n[\s\S]*\n\s*\n/.test(m[0].slice(0, m[0].lastIndexOf('('))) ? m.index + m[0].length : 0;
};

/** The first line when it reads as a headline: short, no final full stop, more than one word. */
export const readTitle = (text: string): string | undefined => {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  for (const line of lines.slice(0, 3)) {
    const words = line.split(/\s+/).length;
    if (words >= 4 && words <= 20 && !/[.:]$/.test(line) && !/^(latest news|breaking|file photo)/i.test(line)) return line;
  }
  return undefined;
};

export const readArticle = (text: string, options: { published?: string; document?: string }): ArticleInfo => {
  const hash = documentHash(text);
  const given = options.published;
  const dateline = readDateline(text, given ? Number(given.slice(0, 4)) : undefined);
  const publishedAt = given ?? dateline.date;
  return {
    hash,
    document: options.document ?? `sha256:${hash.slice(0, 16)}`,
    title: readTitle(text),
    publisher: dateline.publisher ?? (/\((?:source:\s*)?reuters\)|\breuters\b/i.test(text) ? 'Reuters' : undefined),
    publishedAt,
    dateSource: given ? 'given' : dateline.date ? 'dateline' : 'none',
  };
};
