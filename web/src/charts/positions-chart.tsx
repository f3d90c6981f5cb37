import * as Plot from '@observablehq/plot';
import { useEffect } from 'preact/hooks';
import { dayToDate, formatPartialDate, formatSpread, formatValue, metricLabel, partyName } from '../model';
import type { MetricSeries } from './positions';
import { useWidth, withoutGroupLabels } from './use-width';

/** A number that may already stand (its event's window is open on the chosen day): drawn dashed over its window. */
export interface PossibleValue {
  party: string;
  from: string;
  to: string;
  value: number;
}

interface Props {
  series: MetricSeries;
  possible?: PossibleValue[];
  colours: { domain: string[]; range: string[] };
  domain: [string, string];
  asOf?: string;
}

interface Row {
  party: string;
  x: Date;
  y: number | undefined;
}

/**
 * One metric: each party's position as a step line, the gap between the lowest and the highest
 * shaded, the agreement marked, the chosen day as a rule.
 */
export const PositionsChart = ({ series, possible = [], colours, domain, asOf }: Props) => {
  const { ref, width } = useWidth<HTMLDivElement>();

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const end = dayToDate(domain[1]);
    const start = dayToDate(domain[0]);
    // Each step runs until the next change; the last one runs to the end of the axis.
    const rows: Row[] = series.points.map((p) => ({ party: p.party, x: dayToDate(p.day), y: p.value ?? undefined }));
    for (const party of series.parties) {
      const mine = series.points.filter((p) => p.party === party);
      const lastPoint = mine[mine.length - 1];
      if (lastPoint) rows.push({ party, x: end, y: lastPoint.value ?? undefined });
    }
    const gapRows = series.gaps.map((g) => ({ x: dayToDate(g.day), min: g.min ?? undefined, max: g.max ?? undefined, spread: g.spread }));
    const lastGap = series.gaps[series.gaps.length - 1];
    if (lastGap) gapRows.push({ x: end, min: lastGap.min ?? undefined, max: lastGap.max ?? undefined, spread: lastGap.spread });
    const values = [...series.points.flatMap((p) => (p.value === null ? [] : [p.value])), ...possible.map((p) => p.value)];
    const low = Math.min(...values);
    const high = Math.max(...values);
    const pad = Math.max((high - low) * 0.25, Math.abs(high) * 0.08, 1);
    const asOfDate = asOf && asOf >= domain[0] && asOf <= domain[1] ? dayToDate(asOf) : undefined;
    const openGap = lastGap && lastGap.spread !== null ? lastGap : undefined;
    const labels = series.parties.map((party) => {
      const mine = series.points.filter((p) => p.party === party && p.value !== null);
      const lastHeld = mine[mine.length - 1];
      return lastHeld ? { party, y: lastHeld.value as number } : null;
    }).filter((l): l is { party: string; y: number } => l !== null);

    const chart = Plot.plot({
      width,
      height: 170,
      marginLeft: 48,
      marginRight: 78,
      marginTop: 16,
      marginBottom: 26,
      style: { fontSize: '12px', overflow: 'visible' },
      x: { type: 'utc', domain: [start, end], label: null, ticks: width < 520 ? 3 : 6 },
      y: { domain: [low - pad, high + pad], label: null, grid: true, nice: true, tickFormat: (v: number) => formatValue(v, series.unit) },
      color: { domain: colours.domain, range: colours.range },
      marks: [
        Plot.areaY(gapRows, { x: 'x', y1: 'min', y2: 'max', curve: 'step-after', fill: '#f2b134', fillOpacity: 0.28 }),
        Plot.line(rows, { x: 'x', y: 'y', z: 'party', stroke: 'party', strokeWidth: 2.5, curve: 'step-after' }),
        Plot.dot(series.points.filter((p) => p.value !== null), {
          x: (p) => dayToDate(p.day), y: 'value', fill: 'party', r: 3.5,
          title: (p) => `${partyName(p.party)}: ${formatValue(p.value as number, series.unit)} from ${formatPartialDate(p.day)}`,
        }),
        Plot.text(labels, {
          x: end, y: 'y', text: (l) => `${l.party} ${formatValue(l.y, series.unit)}`, fill: 'party',
          textAnchor: 'start', dx: 6, fontWeight: 600,
        }),
        openGap
          ? Plot.text([openGap], {
              x: end, y: (g) => ((g.min as number) + (g.max as number)) / 2, dx: -6, textAnchor: 'end',
              text: (g) => `gap ${formatSpread(g.spread as number, series.unit)}`, fill: '#7a5200', fontWeight: 600,
            })
          : null,
        series.agreed ? Plot.ruleX([dayToDate(series.agreed.day)], { stroke: '#6a3d9a', strokeWidth: 2 }) : null,
        series.agreed
          ? Plot.dot([series.agreed], { x: (a) => dayToDate(a.day), y: 'value', symbol: 'star', r: 8, fill: '#6a3d9a' })
          : null,
        series.agreed
          ? Plot.text([series.agreed], {
              x: (a) => dayToDate(a.day), y: 'value', dy: -14, text: (a) => `agreed ${formatValue(a.value, series.unit)}`,
              fill: '#6a3d9a', fontWeight: 600,
            })
          : null,
        Plot.ruleY(possible, {
          y: 'value', x1: (p: PossibleValue) => dayToDate(p.from), x2: (p: PossibleValue) => dayToDate(p.to), stroke: 'party',
          strokeWidth: 2.5, strokeDasharray: '6 4', clip: true,
          title: (p: PossibleValue) => `${partyName(p.party)}: possibly ${formatValue(p.value, series.unit)} some time between ${formatPartialDate(p.from)} and ${formatPartialDate(p.to)}`,
        }),
        Plot.dot(series.texts, {
          x: (t) => dayToDate(t.day), y: low - pad * 0.7, stroke: 'party', fill: 'white', r: 4.5, strokeWidth: 2,
          title: (t) => `${partyName(t.party)} (in words): ${t.text}, from ${formatPartialDate(t.day)}`,
        }),
        asOfDate ? Plot.ruleX([asOfDate], { stroke: '#1b1f24', strokeWidth: 1.5, strokeDasharray: '4 3' }) : null,
      ],
    });
    chart.setAttribute('role', 'img');
    chart.setAttribute(
      'aria-label',
      `${metricLabel(series.metric)} over time: ` +
        series.parties
          .map((party) => {
            const steps = series.points.filter((p) => p.party === party && p.value !== null);
            return `${partyName(party)} ${steps.map((p) => formatValue(p.value as number, series.unit)).join(' then ')}`;
          })
          .join('; ') +
        (series.agreed ? `; agreed ${formatValue(series.agreed.value, series.unit)}` : '') +
        (series.texts.length > 0 ? `; in words before that: ${series.texts.map((t) => `${partyName(t.party)} “${t.text}”`).join('; ')}` : ''),
    );
    withoutGroupLabels(chart);
    container.replaceChildren(chart);
  }, [series, possible, colours, domain[0], domain[1], asOf, width]);

  return (
    <figure class="positions-figure">
      <figcaption>
        {metricLabel(series.metric)}
        {series.agreed ? <span class="badge badge-agreed">agreed</span> : null}
      </figcaption>
      <div class="chart" ref={ref} />
    </figure>
  );
};
