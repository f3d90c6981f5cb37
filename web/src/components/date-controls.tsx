import { useEffect, useRef } from 'preact/hooks';
import { knownAtBound } from '../events-view';
import { addDays, daysBetween, formatInstant, formatPartialDate, isDay } from '../model';

/** A day the page can show: real, and in a plausible range (Chromium hands over 0019 while a year is being typed). */
const plausibleDay = (value: string): boolean => isDay(value) && value >= '1900-01-01' && value <= '2199-12-31';

/**
 * A native date (or date-time) field that is never rewritten while it has focus: the browser keeps
 * its own typing state per segment, and writing the value mid-typing is what turned 01/01/2019 into
 * 2018 or 0019. A typed value is taken once it is complete and plausible (after a short pause, or
 * at once on Enter or leaving the field); an emptied field is ignored, never read as "latest".
 */
const useCommittedInput = (shown: string, commit: (value: string) => void, accept: (value: string) => boolean) => {
  const ref = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const input = ref.current;
    if (input && document.activeElement !== input && input.value !== shown) input.value = shown;
  }, [shown]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const take = () => {
    clearTimeout(timer.current);
    const value = ref.current?.value ?? '';
    if (accept(value) && value !== shown) commit(value);
  };
  return {
    ref,
    onInput: () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(take, 700);
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter') take();
    },
    onBlur: () => {
      take();
      const input = ref.current;
      if (input && input.value !== shown && !accept(input.value)) input.value = shown;
    },
  };
};

interface AsOfProps {
  asOf: string | undefined;
  /** The day shown when none is chosen (the negotiation's last event day). */
  fallback: string | undefined;
  range: [string, string];
  /** Days on which events count, for Page Up / Page Down. */
  eventDays: string[];
  onChange: (asOf: string | undefined) => void;
}

/** The as-of day: a slider over the negotiation's days, a date field, and "last event". */
export const AsOfControl = ({ asOf, fallback, range, eventDays, onChange }: AsOfProps) => {
  const current = asOf ?? fallback ?? range[1];
  const total = Math.max(1, daysBetween(range[0], range[1]));
  const value = Math.max(0, Math.min(total, daysBetween(range[0], current)));
  const field = useCommittedInput(current, onChange, plausibleDay);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'PageUp' && event.key !== 'PageDown') return;
    event.preventDefault();
    const next = event.key === 'PageUp' ? eventDays.find((d) => d > current) : [...eventDays].reverse().find((d) => d < current);
    if (next) onChange(next);
  };
  return (
    <div class="field field-as-of">
      <label for="as-of-date">As of</label>
      <div class="row">
        <input id="as-of-date" type="date" min="1900-01-01" max="2199-12-31" aria-describedby="as-of-help" {...field} />
        <input
          id="as-of-slider"
          type="range"
          min={0}
          max={total}
          step={1}
          value={value}
          aria-label="As-of day on the negotiation's time line"
          aria-valuetext={formatPartialDate(current)}
          onInput={(e) => onChange(addDays(range[0], Number(e.currentTarget.value)))}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={() => onChange(undefined)} disabled={!asOf}>
          Last event
        </button>
      </div>
      <p id="as-of-help" class="hint">
        {asOf ? formatPartialDate(asOf) : `${formatPartialDate(current)}, the last event day`} · slider: arrows a day, Page Up/Down next/previous event
      </p>
    </div>
  );
};

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant → a datetime-local value (local time, to the minute). */
const toLocalMinute = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const plausibleLocal = (value: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) && plausibleDay(value.slice(0, 10));

interface KnownAtProps {
  knownAt: string | undefined;
  onChange: (knownAt: string | undefined) => void;
}

/**
 * The moment of knowledge: what had been recorded by then. A plain date-and-time field to the
 * minute (the end of that minute); "just before this correction" in the source panel sets an exact instant.
 */
export const KnownAtControl = ({ knownAt, onChange }: KnownAtProps) => {
  const bound = knownAtBound(knownAt);
  const field = useCommittedInput(bound ? toLocalMinute(bound) : '', (value) => onChange(new Date(`${value}:59.999`).toISOString()), plausibleLocal);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div class="field field-known-at">
      <label for="known-at">Known at</label>
      <div class="row">
        <input id="known-at" type="datetime-local" step={60} aria-describedby="known-at-help" {...field} />
        <button type="button" onClick={() => onChange(undefined)} disabled={!knownAt}>
          Now
        </button>
      </div>
      <p id="known-at-help" class="hint">
        {bound ? `What had been recorded by ${formatInstant(bound)}` : 'Everything recorded so far'} ({zone}). Recording time, not event time.
      </p>
    </div>
  );
};
