import type { IssueState, ReplayStep } from '../api';
import { addDays, orderParties } from '../model';

/** One party's numeric position on a metric from a day on (null: no number held from then). */
export interface PositionPoint {
  party: string;
  day: string;
  value: number | null;
}

export interface GapPoint {
  day: string;
  min: number | null;
  max: number | null;
  spread: number | null;
}

export interface MetricSeries {
  metric: string;
  unit: string;
  parties: string[];
  points: PositionPoint[];
  gaps: GapPoint[];
  agreed: { day: string; value: number } | null;
  /** Qualitative positions on the metric ("higher", "some national content rules"), drawn as marks on the axis. */
  texts: Array<{ party: string; day: string; text: string }>;
  /** The first and last day with a position change. */
  first: string;
  last: string;
}

/** The state at the end of each day with events (replay steps come in valid-time order). */
const statesByDay = (steps: readonly ReplayStep[]): Array<[string, IssueState]> => {
  const days: Array<[string, IssueState]> = [];
  for (const step of steps) {
    const day = step.event.countsFrom;
    if (days.length > 0 && days[days.length - 1][0] === day) days[days.length - 1][1] = step.state;
    else days.push([day, step.state]);
  }
  return days;
};

const numeric = (state: IssueState, party: string, metric: string): { value: number; unit: string } | null => {
  const term = state.positions[party]?.[metric];
  return term?.value !== undefined && term.unit !== undefined ? { value: term.value, unit: term.unit } : null;
};

/**
 * For each metric some party ever held as a number, the step series of each party's position, the
 * gap between them and the agreed value: what the "positions over time" charts draw.
 */
export const metricSeries = (steps: readonly ReplayStep[]): MetricSeries[] => {
  const days = statesByDay(steps);
  const units = new Map<string, string>();
  for (const [, state] of days) {
    for (const [, terms] of Object.entries(state.positions)) {
      for (const [metric, term] of Object.entries(terms)) {
        if (term.value !== undefined && term.unit !== undefined && !units.has(metric)) units.set(metric, term.unit);
      }
    }
  }
  const series: MetricSeries[] = [];
  for (const [metric, unit] of units) {
    const parties = orderParties(days.flatMap(([, state]) => Object.keys(state.positions).filter((p) => numeric(state, p, metric))));
    const points: PositionPoint[] = [];
    const gaps: GapPoint[] = [];
    const lastValue = new Map<string, number | null>();
    let lastGap: string | undefined;
    let agreed: MetricSeries['agreed'] = null;
    const texts: MetricSeries['texts'] = [];
    const lastText = new Map<string, string>();
    let first: string | undefined;
    let last: string | undefined;
    for (const [day, state] of days) {
      for (const party of Object.keys(state.positions)) {
        const term = state.positions[party]?.[metric];
        if (term && term.value === undefined && term.text && lastText.get(party) !== term.text) {
          texts.push({ party, day, text: term.text });
          lastText.set(party, term.text);
          first ??= day;
        }
      }
      for (const party of parties) {
        const held = numeric(state, party, metric);
        const value = held && held.unit === unit ? held.value : null;
        const previous = lastValue.has(party) ? lastValue.get(party) : null;
        if (value === previous) continue;
        points.push({ party, day, value });
        lastValue.set(party, value);
        first ??= day;
        last = day;
      }
      const gap = state.gaps[metric];
      const key = gap ? `${gap.min}|${gap.max}` : '';
      if (key !== (lastGap ?? '')) {
        gaps.push(gap ? { day, min: gap.min, max: gap.max, spread: gap.spread } : { day, min: null, max: null, spread: null });
        lastGap = key;
      }
      const agreedTerm = state.agreed?.[metric];
      if (!agreed && agreedTerm?.value !== undefined) agreed = { day, value: agreedTerm.value };
    }
    if (first === undefined || last === undefined) continue;
    series.push({ metric, unit, parties, points, gaps, agreed, texts, first: texts[0] && texts[0].day < first ? texts[0].day : first, last });
  }
  return series;
};

/** The days the charts share: a little before the first position to a little after the last change (or asOf). */
export const seriesDomain = (series: readonly MetricSeries[], asOf?: string): [string, string] | null => {
  if (series.length === 0) return null;
  const first = series.map((s) => s.first).sort()[0];
  let last = series.map((s) => s.last).sort().reverse()[0];
  if (asOf && asOf > last && asOf <= addDays(last, 365)) last = asOf;
  const span = Math.max(30, Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000));
  const pad = Math.max(10, Math.round(span * 0.08));
  return [addDays(first, -pad), addDays(last, pad)];
};
