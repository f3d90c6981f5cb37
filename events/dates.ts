import { z } from 'zod';

/**
 * Dates in Parley keep their precision: news often says only "in May" or "in 2018".
 * An event dated to a window counts from the window's last day — we cannot claim it earlier.
 */
export type PartialDate = string;

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

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

export const precisionOf = (date: PartialDate): DatePrecision =>
  date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';

/** The day (YYYY-MM-DD) from which an event dated `date` counts: the end of its window. */
export const countsFrom = (date: PartialDate): string => {
  if (date.length === 10) return date;
  const year = Number(date.slice(0, 4));
  if (date.length === 7) {
    const month = Number(date.slice(5, 7));
    return `${date}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  }
  return `${date}-12-31`;
};

/** The first day of a date's window, for drawing spans. */
export const windowStart = (date: PartialDate): string =>
  date.length === 10 ? date : date.length === 7 ? `${date}-01` : `${date}-01-01`;

export const isoDay = (instant: Date): string => instant.toISOString().slice(0, 10);
