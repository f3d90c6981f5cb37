import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';
import { dayToDate, EventKind, KINDS, partyShort } from '../model';
import { useWidth, withoutGroupLabels } from './use-width';

/** One event as the timeline draws it. */
export interface TimelineItem {
  id: string;
  /** Colour key: the event's party, or "joint". */
  party: string;
  /** The horizontal band it is drawn in. */
  lane: string;
  kind: EventKind;
  /** First day of its date's window, and the day after the window's last day. */
  start: string;
  endExclusive: string;
  /** Month- or year-precision: drawn as a span over its window. */
  span: boolean;
  /** Counted as of the chosen day (events not yet counted are dimmed). */
  counted: boolean;
  status: 'in-force' | 'corrected' | 'retracted';
  fresh: boolean;
  /** Of the selected issue (others are drawn fainter). */
  inIssue: boolean;
  /** What a mark's tooltip says. */
  label: string;
}

interface Props {
  items: TimelineItem[];
  lanes: string[];
  colours: { domain: string[]; range: string[] };
  domain: [string, string];
  asOf?: string;
  selectedId?: string;
  onPick: (id: string) => void;
}

const ROW_PX = 15;
const LANE_GAP = 1;

interface Placed extends TimelineItem {
  y: number;
  x1: Date;
  x2: Date;
  mid: Date;
}

/** Greedy interval packing: each event takes the first row of its lane free at its start. */
const place = (items: TimelineItem[], lanes: string[], minGapMs: number) => {
  const placed: Placed[] = [];
  const centres: Array<[number, string]> = [];
  const boundaries: number[] = [];
  let base = 0;
  for (const lane of lanes) {
    const inLane = items
      .filter((item) => item.lane === lane)
      .sort((a, b) => a.start.localeCompare(b.start) || b.endExclusive.localeCompare(a.endExclusive));
    if (inLane.length === 0) continue;
    const rowEnds: number[] = [];
    for (const item of inLane) {
      const x1 = dayToDate(item.start);
      const x2 = dayToDate(item.endExclusive);
      const from = x1.getTime();
      const to = Math.max(x2.getTime(), from + minGapMs);
      let row = rowEnds.findIndex((end) => end <= from);
      if (row === -1) row = rowEnds.push(0) - 1;
      rowEnds[row] = to + minGapMs * 0.2;
      // A rough date is drawn as its window, its mark where it starts to count (the window's last day).
      const mid = item.span ? new Date(x2.getTime() - 86_400_000) : x1;
      placed.push({ ...item, x1, x2, mid, y: base + row });
    }
    centres.push([base + (rowEnds.length - 1) / 2, lane]);
    base += rowEnds.length + LANE_GAP;
    boundaries.push(base - (LANE_GAP + 1) / 2);
  }
  return { placed, centres, boundaries: boundaries.slice(0, -1), rows: Math.max(1, base - LANE_GAP) };
};

const laneLabel = (lane: string, narrow: boolean): string =>
  lane === 'others' ? (narrow ? 'others' : 'other actors') : lane === 'uncertain' ? (narrow ? 'rough' : 'rough dates') : partyShort(lane);

/**
 * Every event of the negotiation on a time axis: colour by party, shape by kind, day events as
 * points and month/year events as spans over their window; not-yet-counted events dimmed.
 */
export const TimelineChart = ({ items, lanes, colours, domain, asOf, selectedId, onPick }: Props) => {
  const { ref, width } = useWidth<HTMLDivElement>();
  const handlers = useRef({ onPick });
  handlers.current = { onPick };

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const narrow = width < 560;
    const marginLeft = narrow ? 62 : 96;
    const x1 = dayToDate(domain[0]);
    const x2 = dayToDate(domain[1]);
    const msPerPx = (x2.getTime() - x1.getTime()) / Math.max(1, width - marginLeft - 20);
    const { placed, centres, boundaries, rows } = place(items, lanes, msPerPx * 13);
    const height = rows * ROW_PX + 56;
    const opacity = (d: Placed) => (d.status === 'retracted' ? 0.35 : d.counted ? 1 : 0.3) * (d.inIssue ? 1 : 0.45);
    const asOfDate = asOf ? dayToDate(asOf) : undefined;
    const spans = placed.filter((d) => d.span);
    const highlighted = placed.filter((d) => d.fresh || d.id === selectedId);

    const chart = Plot.plot({
      width,
      height,
      marginLeft,
      marginRight: 16,
      marginTop: 22,
      marginBottom: 28,
      style: { fontSize: '12px', overflow: 'visible' },
      x: { type: 'utc', domain: [x1, x2], label: null },
      y: { domain: [rows - 0.5, -0.5], axis: null },
      color: { domain: colours.domain, range: colours.range },
      symbol: { domain: KINDS.map(([kind]) => kind), range: KINDS.map(([, symbol]) => symbol) },
      marks: [
        Plot.gridX({ stroke: '#d7dbe0', strokeOpacity: 1 }),
        Plot.ruleY(boundaries, { stroke: '#e4e7eb' }),
        Plot.axisY(
          centres.map(([y]) => y),
          { tickFormat: (y: number) => laneLabel(centres.find(([c]) => c === y)?.[1] ?? '', narrow), tickSize: 0, label: null },
        ),
        Plot.axisX({ ticks: narrow ? 4 : 8, label: null }),
        Plot.ruleY(spans, {
          x1: 'x1', x2: 'x2', y: 'y', stroke: 'party', strokeWidth: 6, strokeLinecap: 'round',
          strokeOpacity: (d: Placed) => opacity(d) * 0.45,
        }),
        asOfDate ? Plot.ruleX([asOfDate], { stroke: '#1b1f24', strokeWidth: 1.5, strokeDasharray: '4 3' }) : null,
        asOfDate ? Plot.text([asOfDate], { x: (d: Date) => d, frameAnchor: 'top', dy: -12, text: () => 'as of', fill: '#1b1f24', fontWeight: 600 }) : null,
        Plot.dot(highlighted, {
          x: 'mid', y: 'y', r: 9, fill: 'none', strokeWidth: 2.5,
          stroke: (d: Placed) => (d.fresh ? '#e69f00' : '#1b1f24'),
        }),
        Plot.dot(placed, {
          x: 'mid',
          y: 'y',
          symbol: 'kind',
          fill: 'party',
          stroke: 'party',
          strokeWidth: 1.5,
          r: 6,
          title: 'label',
          fillOpacity: opacity,
          strokeOpacity: opacity,
          render: (index, scales, values, dimensions, context, next) => {
            const group = next!(index, scales, values, dimensions, context) as SVGGElement;
            Array.from(group.children).forEach((node, i) => {
              const item = placed[index[i]];
              node.setAttribute('data-event-id', item.id);
              node.classList.add('tl-mark');
            });
            return group;
          },
        }),
        Plot.dot(
          placed.filter((d) => d.status === 'retracted'),
          { x: 'mid', y: 'y', symbol: 'times', r: 7, stroke: '#b00020', strokeWidth: 2 },
        ),
        Plot.dot(
          placed.filter((d) => d.status === 'corrected'),
          { x: 'mid', y: 'y', r: 8, fill: 'none', stroke: '#1b1f24', strokeWidth: 1, strokeDasharray: '2 2' },
        ),
      ],
    });
    chart.setAttribute('aria-label', `Timeline of ${items.length} events by party and kind; the event list below has them one by one.`);
    chart.setAttribute('role', 'img');

    const target = (event: Event) => (event.target as Element | null)?.closest?.('[data-event-id]') ?? null;
    chart.addEventListener('click', (event) => {
      const id = target(event)?.getAttribute('data-event-id');
      if (id) handlers.current.onPick(id);
    });
    withoutGroupLabels(chart);
    container.replaceChildren(chart);
  }, [items, lanes, colours, domain[0], domain[1], asOf, selectedId, width]);

  return <div class="chart timeline-chart" ref={ref} />;
};
