import { useMemo } from 'preact/hooks';
import type { PossibleTerm, ReplayStep } from '../api';
import type { PossibleValue } from '../charts/positions-chart';
import { Legend } from '../charts/legend';
import { PositionsChart } from '../charts/positions-chart';
import { metricSeries, seriesDomain } from '../charts/positions';
import { orderParties } from '../model';

interface Props {
  steps: readonly ReplayStep[];
  colours: { domain: string[]; range: string[] };
  asOf: string | undefined;
  loading: boolean;
  /** The day's "possibly by then" terms (numeric ones are drawn dashed over their window). */
  possible: PossibleTerm[];
}

/** Each numeric metric's positions over time, one small chart each, on one shared time axis. */
export const PositionsSection = ({ steps, colours, asOf, loading, possible }: Props) => {
  const series = useMemo(() => metricSeries(steps), [steps]);
  const days = useMemo(() => seriesDomain(series, asOf), [series, asOf]);
  return (
    <section class="area-positions" aria-labelledby="positions-heading">
      <h2 id="positions-heading">Positions over time</h2>
      {series.length > 0 && days ? (
        <>
          <Legend colours={colours} parties={orderParties(series.flatMap((s) => s.parties))} kinds={false} />
          <div class="positions-grid">
            {series.map((s) => (
              <PositionsChart
                key={s.metric}
                series={s}
                possible={possible.flatMap((p): PossibleValue[] =>
                  p.metric === s.metric && p.party && p.term?.value !== undefined && p.term.unit === s.unit
                    ? [{ party: p.party, from: p.window.from, to: p.window.to, value: p.term.value }]
                    : [],
                )}
                colours={colours}
                domain={days}
                asOf={asOf}
              />
            ))}
          </div>
          <p class="muted small">
            Step lines: each party's number; shaded: the gap between the lowest and the highest; hollow dots on the floor: positions stated in words; dashed
            lines: possibly by then (date window still open); dashed rule: the chosen day.
          </p>
        </>
      ) : (
        <p class="muted">{loading ? 'Loading…' : 'No numeric positions on this issue (yet).'}</p>
      )}
    </section>
  );
};
