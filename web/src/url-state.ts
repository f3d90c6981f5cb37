/**
 * The view in the address bar, so every view can be linked: `?negotiation&issue&asOf&knownAt`, plus
 * the pinned event (`event`), the replay step (`step`) and the other date of a comparison (`compare`).
 * Values that are not what they claim (a 30 February, a knownAt that is no instant) are dropped
 * with a notice that names them, never passed on to the API or to the date formatting.
 */
import { isDay } from './model';

export interface ViewParams {
  negotiation?: string;
  issue?: string;
  /** YYYY-MM-DD; undefined = the negotiation's last event day. */
  asOf?: string;
  /** ISO instant or day; undefined = now. */
  knownAt?: string;
  /** The event whose source panel is pinned. */
  event?: string;
  /** The replay step shown (1-based). */
  step?: string;
  /** The other day of a comparison (YYYY-MM-DD). */
  compare?: string;
  /** Answers count only events at least this confident ("reported": reported or confirmed). */
  minConfidence?: string;
}

const KEYS = ['negotiation', 'issue', 'asOf', 'knownAt', 'minConfidence', 'event', 'step', 'compare'] as const;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A knowledge moment the API takes: a day, or an instant with its offset. */
export const isKnownAt = (value: string): boolean =>
  isDay(value) || (INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && isDay(value.slice(0, 10)));

const CHECKS: Partial<Record<(typeof KEYS)[number], [(value: string) => boolean, string]>> = {
  asOf: [isDay, 'a real day as YYYY-MM-DD'],
  compare: [isDay, 'a real day as YYYY-MM-DD'],
  knownAt: [isKnownAt, 'a day (YYYY-MM-DD) or an instant with its time zone (2026-01-31T12:00:00Z)'],
  step: [(v) => /^[1-9]\d{0,4}$/.test(v), 'a step number from 1'],
  minConfidence: [(v) => v === 'confirmed' || v === 'reported' || v === 'unconfirmed', 'confirmed, reported or unconfirmed'],
  negotiation: [(v) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v), 'a negotiation slug'],
  issue: [(v) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v), 'an issue slug'],
};

export interface ParsedView {
  view: ViewParams;
  /** One sentence per value that was dropped, naming the parameter and the value. */
  problems: string[];
}

export const readViewParams = (search: string): ParsedView => {
  const params = new URLSearchParams(search);
  const view: ViewParams = {};
  const problems: string[] = [];
  for (const key of KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    const check = CHECKS[key];
    if (check && !check[0](value)) {
      problems.push(`The link's ${key} “${value.slice(0, 60)}” is not ${check[1]}; it was ignored.`);
      continue;
    }
    view[key] = value;
  }
  return { view, problems };
};

export const viewSearch = (view: ViewParams): string => {
  const params = new URLSearchParams();
  for (const key of KEYS) if (view[key]) params.set(key, view[key] as string);
  const text = params.toString();
  return text ? `?${text}` : '';
};
