import * as chrono from 'chrono-node';
import { isValidPartialDate } from '../../events';

/** A date phrase of the text resolved against the article's date, with the precision it supports. */
export interface ResolvedDate {
  start: number;
  end: number;
  phrase: string;
  /** A partial date (YYYY-MM-DD, YYYY-MM, YYYY) or an interval "A/B" of two. */
  value: string;
  /** Whether the phrase points after the article's date ("next month", "by March 1"). */
  future: boolean;
  rule: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = MONTHS.join('|');

const pad = (n: number): string => String(n).padStart(2, '0');
const day = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);
const month = (y: number, m: number): string => `${y}-${pad(m)}`;
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const interval = (a: string, b: string): string => (a === b ? a : `${a}/${b}`);

/** The reference the phrases resolve against: the article's date, at whatever precision it has. */
export interface Reference {
  value: string;
  /** The day (only when the article's date is a day). */
  day?: Date;
  year: number;
  month?: number;
}

export const referenceOf = (published: string): Reference => {
  const [y, m, d] = published.split('-').map(Number);
  return { value: published, year: y, month: m, day: d ? utc(y, m, d) : undefined };
};

type Resolver = (m: RegExpExecArray, ref: Reference) => { value: string; future?: boolean } | undefined;

const monthOf = (name: string): number => MONTHS.indexOf(name.toLowerCase()) + 1;

/** A month named without a year: this year's, or last year's when it lies after the article's month (unless looking ahead). */
const yearForMonth = (m: number, ref: Reference, ahead: boolean): number =>
  ref.month === undefined ? ref.year : ahead ? (m < ref.month ? ref.year + 1 : ref.year) : m > ref.month ? ref.year - 1 : ref.year;

const AHEAD = /\b(next|by|until|before|due|deadline|will|would|set to|expected|scheduled|plans?|starting|from|begin|takes? effect|supposed to|finish|conclude|reach|reaching)\b/i;

const RULES: { id: string; re: RegExp; resolve: Resolver }[] = [
  {
    id: 'date:weekday',
    re: new RegExp(`\\b(?:on\\s+|last\\s+)?(${WEEKDAYS.join('|')})\\b`, 'gi'),
    resolve: (m, ref) => {
      if (!ref.day) return undefined;
      // News uses a bare weekday for the most recent one (the article's own day included), or the
      // coming one when the phrase looks ahead ("take effect on Wednesday").
      const target = WEEKDAYS.indexOf(m[1].toLowerCase());
      if (AHEAD.test(m.input.slice(Math.max(0, m.index - 25), m.index))) {
        const forward = (target - ref.day.getUTCDay() + 7) % 7 || 7;
        return { value: day(addDays(ref.day, forward)), future: true };
      }
      const back = (ref.day.getUTCDay() - target + 7) % 7;
      return { value: day(addDays(ref.day, -back)) };
    },
  },
  { id: 'date:today', re: /\b(today|this morning|this afternoon|tonight)\b/gi, resolve: (_m, ref) => (ref.day ? { value: day(ref.day) } : undefined) },
  { id: 'date:yesterday', re: /\byesterday\b/gi, resolve: (_m, ref) => (ref.day ? { value: day(addDays(ref.day, -1)) } : undefined) },
  {
    id: 'date:last-week',
    re: /\blast week\b/gi,
    resolve: (_m, ref) => {
      if (!ref.day) return undefined;
      const monday = addDays(ref.day, -((ref.day.getUTCDay() + 6) % 7) - 7);
      return { value: interval(day(monday), day(addDays(monday, 6))) };
    },
  },
  {
    id: 'date:this-week',
    re: /\b(this|earlier this) week\b/gi,
    resolve: (_m, ref) => (ref.day ? { value: interval(day(addDays(ref.day, -((ref.day.getUTCDay() + 6) % 7))), day(ref.day)) } : undefined),
  },
  {
    id: 'date:recent-days',
    re: /\b(in recent days|in the past few days|in the last few days|recently|in recent weeks|in the past week)\b/gi,
    resolve: (m, ref) => {
      if (!ref.day) return ref.month ? { value: month(ref.year, ref.month) } : { value: String(ref.year) };
      const back = /weeks|recently/i.test(m[0]) ? 21 : 7;
      return { value: interval(day(addDays(ref.day, -back)), day(ref.day)) };
    },
  },
  {
    id: 'date:relative-month',
    re: /\b(last|next|this|earlier this|later this) month\b/gi,
    resolve: (m, ref) => {
      if (ref.month === undefined) return undefined;
      const shift = /last/i.test(m[1]) ? -1 : /next/i.test(m[1]) ? 1 : 0;
      const d = new Date(Date.UTC(ref.year, ref.month - 1 + shift, 1));
      return { value: month(d.getUTCFullYear(), d.getUTCMonth() + 1), future: shift > 0 || /later/i.test(m[1]) };
    },
  },
  {
    id: 'date:relative-year',
    re: /\b(last|next|this|earlier this|later this) year\b/gi,
    resolve: (m, ref) => {
      const shift = /last/i.test(m[1]) ? -1 : /next/i.test(m[1]) ? 1 : 0;
      return { value: String(ref.year + shift), future: shift > 0 || /later/i.test(m[1]) };
    },
  },
  {
    id: 'date:part-of-month',
    re: new RegExp(`\\b(early|mid|mid-|late|the end of|end of)\\s*(${MONTH_RE})(?:\\s+(\\d{4}))?\\b`, 'gi'),
    resolve: (m, ref) => {
      const mo = monthOf(m[2]);
      const y = m[3] ? Number(m[3]) : yearForMonth(mo, ref, AHEAD.test(m.input.slice(Math.max(0, m.index - 20), m.index)));
      const last = lastDay(y, mo);
      const [a, b] = /early/i.test(m[1]) ? [1, 10] : /mid/i.test(m[1]) ? [11, 20] : [21, last];
      return { value: interval(`${month(y, mo)}-${pad(a)}`, `${month(y, mo)}-${pad(b)}`) };
    },
  },
];

const afterRef = (value: string, ref: Reference): boolean => {
  const start = value.split('/')[0];
  return start.slice(0, ref.value.length) > ref.value;
};

/** chrono for calendar phrases ("March 5, 2018", "in May", "June 2025"), with the precision it is certain of. */
const calendarDates = (text: string, ref: Reference, taken: (s: number, e: number) => boolean): ResolvedDate[] => {
  const out: ResolvedDate[] = [];
  const refDate = ref.day ?? utc(ref.year, ref.month ?? 12, ref.month ? lastDay(ref.year, ref.month) : 31);
  for (const r of chrono.en.casual.parse(text, refDate)) {
    const start = r.index;
    const end = r.index + r.text.length;
    if (taken(start, end)) continue;
    const c = r.start;
    if (!c.isCertain('month') && !c.isCertain('year')) continue; // weekdays and relative words are ours
    const hasMonthWord = new RegExp(`\\b(${MONTH_RE}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\b`, 'i').test(r.text);
    const y = c.isCertain('year') ? c.get('year')! : undefined;
    const mo = c.isCertain('month') && hasMonthWord ? c.get('month')! : undefined;
    const d = c.isCertain('day') && mo ? c.get('day')! : undefined;
    if (!mo && !y) continue;
    if (!mo && y && !/\b(19|20)\d{2}\b/.test(r.text)) continue;
    const ahead = AHEAD.test(text.slice(Math.max(0, start - 20), start));
    const year = y ?? (mo ? yearForMonth(mo, ref, ahead) : ref.year);
    const value = mo ? (d ? `${month(year, mo)}-${pad(d)}` : month(year, mo)) : String(year);
    if (!isValidPartialDate(value)) continue;
    out.push({ start, end, phrase: r.text, value, future: afterRef(value, ref), rule: d ? 'date:calendar-day' : mo ? 'date:calendar-month' : 'date:calendar-year' });
  }
  return out;
};

/** Every date phrase in `text` (offsets into it), resolved against the article's date. */
export const findDates = (text: string, published: string | undefined): ResolvedDate[] => {
  const ref = referenceOf(published ?? '');
  const found: ResolvedDate[] = [];
  if (published) {
    for (const rule of RULES) {
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
        const resolved = rule.resolve(m, ref);
        if (!resolved || !isValidPartialDate(resolved.value.split('/')[0])) continue;
        found.push({ start: m.index, end: m.index + m[0].length, phrase: m[0], value: resolved.value, future: resolved.future ?? afterRef(resolved.value, ref), rule: rule.id });
      }
    }
  }
  const taken = (s: number, e: number) => found.some((f) => s < f.end && f.start < e);
  if (published) {
    found.push(...calendarDates(text, ref, taken));
    for (const m of text.matchAll(/\b(?:19|20)\d{2}\b(?![-\d])/g)) {
      const s = m.index;
      if (taken(s, s + 4)) continue;
      found.push({ start: s, end: s + 4, phrase: m[0], value: m[0], future: Number(m[0]) > ref.year, rule: 'date:calendar-year' });
    }
  } else {
    // Undated article: only phrases that carry their own year can be resolved.
    for (const m of text.matchAll(new RegExp(`\\b(?:(${MONTH_RE})\\s+(\\d{1,2}),?\\s+)?((?:19|20)\\d{2})\\b`, 'gi'))) {
      const value = m[1] ? `${m[3]}-${pad(monthOf(m[1]))}-${pad(Number(m[2]))}` : m[3];
      if (isValidPartialDate(value)) found.push({ start: m.index, end: m.index + m[0].length, phrase: m[0], value, future: false, rule: m[1] ? 'date:calendar-day' : 'date:calendar-year' });
    }
  }
  return found.sort((a, b) => a.start - b.start);
};
