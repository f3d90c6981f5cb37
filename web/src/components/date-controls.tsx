import { addDays, daysBetween, formatPartialDate, instantToLocalInput, isDay, localInputToInstant } from '../model';
import { knownAtBound } from '../events-view';

interface AsOfProps {
  asOf: string | undefined;
  range: [string, string];
  /** Days on which events count, for Page Up / Page Down. */
  eventDays: string[];
  onChange: (asOf: string | undefined) => void;
}

/** The as-of day: a slider over the negotiation's days, a date field, and "latest". */
export const AsOfControl = ({ asOf, range, eventDays, onChange }: AsOfProps) => {
  const total = Math.max(1, daysBetween(range[0], range[1]));
  const value = asOf ? Math.max(0, Math.min(total, daysBetween(range[0], asOf))) : total;
  const current = asOf ?? range[1];
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'PageUp' && event.key !== 'PageDown') return;
    event.preventDefault();
    const next = event.key === 'PageUp' ? eventDays.find((d) => d > current) : [...eventDays].reverse().find((d) => d < current);
    if (next) onChange(next);
  };
  return (
    <div class="field field-as-of">
      <label for="as-of-slider">As of</label>
      <div class="row">
        <input
          id="as-of-slider"
          type="range"
          min={0}
          max={total}
          step={1}
          value={value}
          aria-valuetext={asOf ? formatPartialDate(asOf) : 'latest'}
          aria-describedby="as-of-help"
          list="as-of-event-days"
          onInput={(e) => onChange(addDays(range[0], Number(e.currentTarget.value)))}
          onKeyDown={onKeyDown}
        />
        <datalist id="as-of-event-days">
          {eventDays.map((day) => (
            <option key={day} value={daysBetween(range[0], day)} />
          ))}
        </datalist>
        <input
          id="as-of-date"
          type="date"
          aria-label="As-of date"
          value={asOf ?? ''}
          onChange={(e) => {
            const typed = e.currentTarget.value;
            if (typed === '') onChange(undefined);
            else if (isDay(typed) && typed >= '1900') onChange(typed);
          }}
        />
        <button type="button" onClick={() => onChange(undefined)} disabled={!asOf}>
          Latest
        </button>
      </div>
      <p id="as-of-help" class="hint">
        {asOf ? formatPartialDate(asOf) : 'Latest'} · arrows: a day, Page Up/Down: next/previous event
      </p>
    </div>
  );
};

interface KnownAtProps {
  knownAt: string | undefined;
  onChange: (knownAt: string | undefined) => void;
}

/** The moment of knowledge: what had been recorded by then (corrections and retractions included). */
export const KnownAtControl = ({ knownAt, onChange }: KnownAtProps) => (
  <div class="field field-known-at">
    <label for="known-at">Known at</label>
    <div class="row">
      <input
        id="known-at"
        type="datetime-local"
        step="0.001"
        aria-describedby="known-at-help"
        value={knownAt ? instantToLocalInput(knownAtBound(knownAt) as string) : ''}
        onChange={(e) => {
          const typed = e.currentTarget.value;
          if (typed === '') onChange(undefined);
          else if (typed >= '1900') onChange(localInputToInstant(typed));
        }}
      />
      <button type="button" onClick={() => onChange(undefined)} disabled={!knownAt}>
        Now
      </button>
    </div>
    <p id="known-at-help" class="hint">{knownAt ? 'What had been recorded by then (your local time)' : 'Everything recorded so far'}</p>
  </div>
);
