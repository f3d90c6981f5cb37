import { z } from 'zod';

/**
 * Dates in Parley keep their precision: news often says only "in May" or "in 2018".
 * An event dated to a window counts from the window's last day — we cannot claim it earlier.
 */
export type PartialDate = string;

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** By the proleptic Gregorian calendar of ISO 8601 (Date.UTC would read years 0–99 as 1900–1999). */
const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

export const isValidPartialDate = (value: string): boolean => {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const [, , month, day] = match;
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  const d = Number(day);
  return d >= 1 && d <= daysInMonth(Number(match[1]), m);
};

export const partialDateSchema = z
  .string()
  .refine(isValidPartialDate, { message: 'expected a date as YYYY-MM-DD, YYYY-MM or YYYY' });

export const fullDateSchema = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isValidPartialDate(v), { message: 'expected a date as YYYY-MM-DD' });

export type DatePrecision = 'day' | 'month' | 'year';

const COARSENESS: Readonly<Record<DatePrecision, number>> = { day: 0, month: 1, year: 2 };

/** A partial date's precision; an interval "A/B" has the coarser of its bounds' precisions. */
export const precisionOf = (date: PartialDate): DatePrecision => {
  const [from, to] = intervalBounds(date);
  const [a, b] = [singlePrecision(from), singlePrecision(to)];
  return COARSENESS[a] >= COARSENESS[b] ? a : b;
};

const singlePrecision = (date: PartialDate): DatePrecision =>
  date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';

/** "A/B" → [A, B]; a single date is the interval from itself to itself. */
export const intervalBounds = (date: string): [PartialDate, PartialDate] => {
  const slash = date.indexOf('/');
  return slash < 0 ? [date, date] : [date.slice(0, slash), date.slice(slash + 1)];
};

/**
 * The day (YYYY-MM-DD) from which something dated `date` counts: the end of its window
 * (for an interval "A/B", the end of B's window).
 */
export const countsFrom = (date: PartialDate): string => {
  if (date.includes('/')) return countsFrom(intervalBounds(date)[1]);
  if (date.length === 10) return date;
  const year = Number(date.slice(0, 4));
  if (date.length === 7) {
    const month = Number(date.slice(5, 7));
    return `${date}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  }
  return `${date}-12-31`;
};

/** The first day of a date's window (for an interval "A/B", of A's window). */
export const windowStart = (date: PartialDate): string => {
  if (date.includes('/')) return windowStart(intervalBounds(date)[0]);
  return date.length === 10 ? date : date.length === 7 ? `${date}-01` : `${date}-01-01`;
};

/**
 * When an event happened, as the source says it: a partial date, or an interval "A/B" of partial
 * dates ("2018-05-17/2018-05-24", "2017-07/2017-08") when the source only brackets it. Kept verbatim.
 */
export const occurredAtSchema = z.string().superRefine((value, ctx) => {
  const problem = occurredAtProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** What is wrong with an occurredAt value, or undefined when it is a date or a well-formed interval. */
export const occurredAtProblem = (value: string): string | undefined => {
  const parts = value.split('/');
  if (parts.length === 1) return isValidPartialDate(value) ? undefined : 'expected a date as YYYY-MM-DD, YYYY-MM or YYYY';
  const bad = parts.length !== 2 || !parts.every(isValidPartialDate);
  if (bad) return `expected a date (YYYY-MM-DD, YYYY-MM or YYYY) or an interval A/B of two such dates, got "${value}"`;
  const [from, to] = parts;
  if (windowStart(to) < windowStart(from) || countsFrom(to) < countsFrom(from)) {
    return `interval "${value}" ends before it starts: ${to} is before ${from}`;
  }
  return undefined;
};

export const isoDay = (instant: Date): string => instant.toISOString().slice(0, 10);
