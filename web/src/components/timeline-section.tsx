import { useMemo, useState } from 'preact/hooks';
import { Legend } from '../charts/legend';
import { TimelineChart, TimelineItem } from '../charts/timeline-chart';
import type { EventView } from '../events-view';
import { addDays, formatPartialDate, isCountry, kindOf, partyName, windowEnd, windowStart } from '../model';
import { plainSummary } from '../plain';

interface Props {
  title: string;
  views: EventView[];
  listed: EventView[];
  lanes: string[];
  parties: string[];
  colours: { domain: string[]; range: string[] };
  range: [string, string];
  asOf: string | undefined;
  issue: string | undefined;
  selectedId: string | undefined;
  fresh: ReadonlySet<string>;
  isCounted: (view: EventView) => boolean;
  onOpen: (id: string) => void;
}

type Zoom = 'all' | 'dated' | 'around';

/**
 * Every event of the negotiation on a time axis: colour by party, shape by kind, rough dates in a
 * band of their own drawn as their window, the selected issue in full colour, and a zoom.
 */
export const TimelineSection = ({ title, views, listed, lanes, parties, colours, range, asOf, issue, selectedId, fresh, isCounted, onOpen }: Props) => {
  const [zoom, setZoom] = useState<Zoom>('all');
  const shown = useMemo(() => new Set(listed.map((v) => v.id)), [listed]);
  const hasRough = views.some((v) => v.entry.precision !== 'day');
  const items = useMemo(
    (): TimelineItem[] =>
      views.map((v) => {
        const { event, precision } = v.entry;
        const party = event.party ?? 'joint';
        const marks = v.marks.map((m) => m.kind);
        return {
          id: v.id,
          party,
          lane: precision !== 'day' ? 'uncertain' : party === 'joint' ? 'joint' : isCountry(party) ? party : 'others',
          kind: kindOf(event.type),
          start: windowStart(event.occurredAt),
          endExclusive: addDays(windowEnd(event.occurredAt), 1),
          span: precision !== 'day',
          counted: isCounted(v),
          status: v.retracted ? 'retracted' : marks.includes('corrected') ? 'corrected' : 'in-force',
          fresh: fresh.has(v.id),
          inIssue: (issue === undefined || event.issue === issue) && shown.has(v.id),
          label: `${formatPartialDate(event.occurredAt, precision)} · ${partyName(event.party)} · ${plainSummary(event)}`,
        };
      }),
    [views, isCounted, fresh, issue, shown],
  );
  const domain = useMemo((): [string, string] => {
    let [first, last] = range;
    if (zoom === 'dated') {
      const dated = views.filter((v) => v.entry.precision === 'day').map((v) => v.entry.countsFrom).sort();
      if (dated.length > 0) [first, last] = [dated[0], dated[dated.length - 1]];
    } else if (zoom === 'around' && asOf) {
      [first, last] = [addDays(asOf, -90), addDays(asOf, 90)];
    }
    const span = Math.max(30, (Date.parse(last) - Date.parse(first)) / 86_400_000);
    return [addDays(first, -Math.round(span * 0.02)), addDays(last, Math.round(span * 0.03))];
  }, [range, zoom, views, asOf]);
  const allLanes = hasRough ? ['uncertain', ...lanes] : lanes;
  return (
    <section class="area-timeline" aria-labelledby="timeline-heading">
      <div class="section-head">
        <h2 id="timeline-heading">Timeline{title ? `: ${title}` : ''}</h2>
        <div class="zoom" role="group" aria-label="Zoom the timeline">
          {(
            [
              ['all', 'Whole span'],
              ['dated', 'Dated events'],
              ['around', '± 3 months'],
            ] as Array<[Zoom, string]>
          ).map(([value, text]) => (
            <button key={value} type="button" aria-pressed={zoom === value} onClick={() => setZoom(value)} disabled={value === 'around' && !asOf}>
              {text}
            </button>
          ))}
        </div>
      </div>
      <Legend colours={colours} parties={parties.filter((p) => views.some((v) => (v.entry.event.party ?? 'joint') === p))} kinds />
      <TimelineChart items={items} lanes={allLanes} colours={colours} domain={domain} asOf={asOf} selectedId={selectedId} onPick={onOpen} />
      <p class="muted small">
        Faint: other issues, or not yet counted on the chosen day. “Rough dates”: events known only to the month or year, drawn over their window with the
        mark on the day they count from. Select a mark (or use the event list) for its source.
      </p>
    </section>
  );
};
