import { useMemo } from 'preact/hooks';
import type { ReplayStep } from '../api';
import { Legend } from '../charts/legend';
import { PositionsChart } from '../charts/positions-chart';
import { metricSeries, seriesDomain } from '../charts/positions';
import { orderParties } from '../model';

interface Props {
  steps: readonly ReplayStep[];
  colours: { domain: string[]; range: string[] };
  asOf: string | undefined;
  loading: boolean;
}

/** Each numeric metric's positions over time, one small chart each, on one shared time axis. */
export const PositionsSection = ({ steps, colours, asOf, loading }: Props) => {
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
              <PositionsChart key={s.metric} series={s} colours={colours} domain={days} asOf={asOf} />
            ))}
          </div>
          <p class="muted small">
            Step lines: each party's number; shaded: the gap between the lowest and the highest; hollow dots on the floor: positions stated in words; dashed
            rule: the chosen day.
          </p>
        </>
      ) : (
        <p class="muted">{loading ? 'Loading…' : 'No numeric positions on this issue (yet).'}</p>
      )}
    </section>
  );
};
