import { useEffect, useRef } from 'preact/hooks';
import type { IssueAnswer, IssueState, MetricGap, PositionTerm, PossibleTerm, Source } from '../api';
import { termPhrase } from '../plain';
import { formatPartialDate, formatSpread, formatTerm, formatValue, metricLabel, orderParties, partyName, typeLabel } from '../model';

/** What issue 11 adds to a term on the wire (each optional: the page works with answers that lack them). */
export type ShownTerm = PositionTerm & { confidence?: string; note?: string; scope?: string; source?: Partial<Record<keyof Source, string | null>>; inForce?: { value: number; from: string } | null };

const STATUS_LABEL: Record<IssueState['status'], string> = { not_raised: 'Not raised', open: 'Open', agreed: 'Agreed' };


const ConfidenceMark = ({ confidence }: { confidence: string | undefined }) =>
  confidence && confidence !== 'confirmed' ? <span class={`badge badge-confidence-${confidence}`}>{confidence}</span> : null;

const Cell = ({ term, onOpen }: { term: ShownTerm | undefined; onOpen: (eventId: string) => void }) =>
  term ? (
    <button type="button" class="cell-button" tabIndex={-1} data-event-id={term.eventId} onClick={() => onOpen(term.eventId)}>
      <span class="value-line">
        <span class={`value${term.value === undefined ? ' qualitative' : ''}`}>{formatTerm(term)}</span> <ConfidenceMark confidence={term.confidence} />
      </span>
      {term.value !== undefined && term.text ? <span class="qualifier" title={term.text}>{term.text}</span> : null}
      {term.note ? <span class="qualifier" title={term.note}>{term.note}</span> : null}
      {term.inForce ? <span class="qualifier">in force: {formatValue(term.inForce.value, term.unit ?? '')} since {formatPartialDate(term.inForce.from)}</span> : null}
      <span class="since">
        {typeLabel(term.eventType).toLowerCase()} since <time dateTime={term.since}>{formatPartialDate(term.since)}</time>
      </span>
    </button>
  ) : (
    <span class="none" aria-label="no position">—</span>
  );

const GapCell = ({ gap }: { gap: MetricGap | undefined }) =>
  gap ? (
    <>
      <span class="value">{formatSpread(gap.spread, gap.unit)}</span>
      <span class="since">
        {gap.low.join(', ')} {formatValue(gap.min, gap.unit)} ↔ {gap.high.join(', ')} {formatValue(gap.max, gap.unit)}
      </span>
    </>
  ) : (
    <span class="none" aria-label="no gap">—</span>
  );

/** Arrow keys move between the table's positions (one tab stop for the whole table). */
const onTableKeys = (event: KeyboardEvent) => {
  const keys: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  if (!(event.key in keys)) return;
  const table = (event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button.cell-button');
  const buttons = Array.from(table);
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + keys[event.key]))];
  if (!next) return;
  event.preventDefault();
  for (const b of buttons) b.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
};

/** Terms whose event may already have happened on the day (its window is open): apart from the table, never counted in it. */
const PossibleTerms = ({ items, onOpen }: { items: PossibleTerm[]; onOpen: (eventId: string) => void }) => (
  <div class="possible-terms">
    <h3>Possibly by this date</h3>
    <p class="muted small">Dated to a window that has begun but not ended: they may already have happened, and count only from the window's end.</p>
    <ul class="plain possible" id="state-possible">
      {items.map((item, i) => (
        <li key={`${item.eventId}-${i}`} data-event-id={item.eventId}>
          <button type="button" class="link-button" onClick={() => onOpen(item.eventId)}>
            {partyName(item.party)}: {item.term ? termPhrase(item.term) : typeLabel(item.eventType).toLowerCase()}
          </button>
          <span class="muted small">
            {' '}
            · between {formatPartialDate(item.window.from)} and {formatPartialDate(item.window.to)}
          </span>{' '}
          <ConfidenceMark confidence={item.confidence} />
        </li>
      ))}
    </ul>
  </div>
);

interface Props {
  state: IssueState | IssueAnswer | null;
  issueTitle: string;
  loading: boolean;
  /** The state shown is not the one asked for (the request failed or is under way): greyed, with what it is. */
  stale: boolean;
  knownAtLabel: string;
  /** Set during a replay: the state right after that step. */
  stepLabel?: string;
  onOpen: (eventId: string) => void;
}

/** Where the parties stand on the issue: positions (each opening its source), qualifiers, confidence, gaps, status. */
export const StateTable = ({ state, issueTitle, loading, stale, knownAtLabel, stepLabel, onOpen }: Props) => {
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    const buttons = table.current?.querySelectorAll<HTMLButtonElement>('button.cell-button');
    if (buttons && buttons.length > 0 && !Array.from(buttons).some((b) => b.tabIndex === 0)) buttons[0].tabIndex = 0;
  });
  if (!state) return <p class="muted">{loading ? 'Loading…' : 'No answer yet.'}</p>;
  const parties = orderParties(Object.keys(state.positions));
  const metrics = [...new Set([...parties.flatMap((p) => Object.keys(state.positions[p])), ...Object.keys(state.agreed ?? {})])].sort();
  const when = stepLabel ?? `as of ${formatPartialDate(state.asOf)}`;
  return (
    <div
      class={`state${stale ? ' is-stale' : ''}`}
      aria-busy={loading ? 'true' : 'false'}
      data-as-of={state.asOf}
      data-known-at={state.knownAt}
      data-negotiation={state.negotiation}
      data-issue={state.issue}
      data-stale={stale ? 'true' : 'false'}
      data-min-confidence={'minConfidence' in state ? (state.minConfidence ?? '') : ''}
    >
      {stale ? (
        <p class="stale-label" role="status">
          Not updated — still showing {issueTitle ? `${state.issue.replace(/-/g, ' ')} in ${state.negotiation.replace(/-/g, ' ')}` : 'the previous answer'}{' '}
          as of {formatPartialDate(state.asOf)}.
        </p>
      ) : null}
      <p class="state-summary">
        <span class={`status status-${state.status}`} data-testid="issue-status">
          {STATUS_LABEL[state.status]}
        </span>
        <span>
          {state.eventCount} event{state.eventCount === 1 ? '' : 's'} counted
          {state.lastEventAt ? <>, last on {formatPartialDate(state.lastEventAt)}</> : null}
        </span>
      </p>
      {metrics.length === 0 ? (
        <p class="muted">
          No positions on the table {when}
          {state.eventCount > 0 ? ': the events counted so far are statements, threats or measures, not terms.' : `, ${knownAtLabel}.`}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="state-table" id="state-table" ref={table} onKeyDown={onTableKeys}>
            <caption>
              {issueTitle}: positions {when}, {knownAtLabel}. Select a position for its source.
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
              {metrics.map((metric) => (
                <tr key={metric} data-metric={metric}>
                  <th scope="row">{metricLabel(metric)}</th>
                  {parties.map((party) => (
                    <td key={party} data-party={party} data-metric={metric} data-label={partyName(party)}>
                      <Cell term={state.positions[party][metric] as ShownTerm | undefined} onOpen={onOpen} />
                    </td>
                  ))}
                  <td class="gap" data-metric={metric} data-label="Gap">
                    <GapCell gap={state.gaps[metric]} />
                  </td>
                  {state.agreed ? (
                    <td class="agreed" data-label="Agreed">
                      <Cell term={state.agreed[metric] as ShownTerm | undefined} onOpen={onOpen} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {'possible' in state && state.possible.length > 0 ? <PossibleTerms items={state.possible} onOpen={onOpen} /> : null}
    </div>
  );
};
