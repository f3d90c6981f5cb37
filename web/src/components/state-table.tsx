import type { IssueState, PositionTerm } from '../api';
import { formatPartialDate, formatSpread, formatTerm, formatValue, metricLabel, orderParties, partyName, typeLabel } from '../model';

const STATUS_LABEL: Record<IssueState['status'], string> = { not_raised: 'Not raised', open: 'Open', agreed: 'Agreed' };

const Cell = ({ term }: { term: PositionTerm | undefined }) =>
  term ? (
    <>
      <span class={`value${term.value === undefined ? ' qualitative' : ''}`}>{formatTerm(term)}</span>
      <span class="since">
        {typeLabel(term.eventType).toLowerCase()} since <time dateTime={term.since}>{formatPartialDate(term.since)}</time>
      </span>
    </>
  ) : (
    <span class="none" aria-label="no position">—</span>
  );

interface Props {
  state: IssueState | null;
  issueTitle: string;
  loading: boolean;
  knownAtLabel: string;
}

/** Where the parties stand on the issue as of the chosen day: positions, since when, gaps, status. */
export const StateTable = ({ state, issueTitle, loading, knownAtLabel }: Props) => {
  if (!state) return <p class="muted">{loading ? 'Loading…' : 'No state.'}</p>;
  const parties = orderParties(Object.keys(state.positions));
  const metrics = [...new Set([...parties.flatMap((p) => Object.keys(state.positions[p])), ...Object.keys(state.agreed ?? {})])].sort();
  return (
    <div class="state" aria-busy={loading ? 'true' : 'false'} data-as-of={state.asOf} data-known-at={state.knownAt}>
      <p class="state-summary">
        <span class={`status status-${state.status}`} data-testid="issue-status">{STATUS_LABEL[state.status]}</span>
        <span>
          {state.eventCount} event{state.eventCount === 1 ? '' : 's'} counted
          {state.lastEventAt ? <>, last on {formatPartialDate(state.lastEventAt)}</> : null}
        </span>
      </p>
      {metrics.length === 0 ? (
        <p class="muted">No positions on the table as of {formatPartialDate(state.asOf)}.</p>
      ) : (
        <div class="table-scroll">
          <table class="state-table" id="state-table">
            <caption>
              {issueTitle}: positions as of <time dateTime={state.asOf}>{formatPartialDate(state.asOf)}</time>, {knownAtLabel}
            </caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                {parties.map((party) => (
                  <th scope="col" key={party} data-party={party}>
                    {partyName(party)}
                  </th>
                ))}
                <th scope="col">Gap</th>
                {state.agreed ? <th scope="col">Agreed</th> : null}
              </tr>
            </thead>
            <tbody>
              {metrics.map((metric) => {
                const gap = state.gaps[metric];
                return (
                  <tr key={metric} data-metric={metric}>
                    <th scope="row">{metricLabel(metric)}</th>
                    {parties.map((party) => (
                      <td key={party} data-party={party} data-metric={metric} data-label={partyName(party)}>
                        <Cell term={state.positions[party][metric]} />
                      </td>
                    ))}
                    <td class="gap" data-metric={metric} data-label="Gap">
                      {gap ? (
                        <>
                          <span class="value">{formatSpread(gap.spread, gap.unit)}</span>
                          <span class="since">
                            {gap.low.join(', ')} {formatValue(gap.min, gap.unit)} ↔ {gap.high.join(', ')} {formatValue(gap.max, gap.unit)}
                          </span>
                        </>
                      ) : (
                        <span class="none" aria-label="no gap">—</span>
                      )}
                    </td>
                    {state.agreed ? (
                      <td class="agreed" data-label="Agreed">
                        <Cell term={state.agreed[metric]} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
};
