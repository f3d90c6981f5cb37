import { useState } from 'preact/hooks';
import { api, ApiError, IssueDiff } from '../api';
import { formatPartialDate, formatTerm, isDay, metricLabel, partyName } from '../model';
import { useApi } from '../hooks/use-api';

interface Props {
  negotiation: string;
  issue: string;
  asOf: string;
  knownAt: string | undefined;
  compare: string | undefined;
  onCompare: (day: string | undefined) => void;
}

const lines = (diff: IssueDiff): string[] => {
  const out: string[] = [];
  if (diff.status) out.push(`Status: ${diff.status.from.replace('_', ' ')} → ${diff.status.to.replace('_', ' ')}`);
  for (const c of diff.changes) {
    const who = `${partyName(c.party)}, ${metricLabel(c.metric.split('@')[0]).toLowerCase()}${c.metric.includes('@') ? ` (${c.metric.split('@')[1].replace(/-/g, ' ')})` : ''}`;
    if (c.change === 'added' && c.after) out.push(`${who}: new — ${formatTerm(c.after)}`);
    else if (c.change === 'removed' && c.before) out.push(`${who}: ${formatTerm(c.before)} no longer held`);
    else if (c.before && c.after) out.push(`${who}: ${formatTerm(c.before)} → ${formatTerm(c.after)}`);
  }
  for (const g of diff.gaps) {
    const metric = metricLabel(g.metric.split('@')[0]).toLowerCase();
    if (g.before && g.after) out.push(`Gap on ${metric}: ${g.before.spread} → ${g.after.spread}`);
    else if (g.after) out.push(`Gap on ${metric} opened: ${g.after.spread}`);
    else if (g.before) out.push(`Gap on ${metric} closed`);
  }
  for (const a of diff.agreed) if (a.after) out.push(`Agreed ${metricLabel(a.metric.split('@')[0]).toLowerCase()}: ${formatTerm(a.after)}`);
  return out;
};

/** Compare the issue on two days: what the API's diff says changed from the earlier to the later. */
export const ComparePanel = ({ negotiation, issue, asOf, knownAt, compare, onCompare }: Props) => {
  const [draft, setDraft] = useState(compare ?? '');
  const [from, to] = compare && compare > asOf ? [asOf, compare] : [compare ?? '', asOf];
  const diff = useApi(
    compare ? `${negotiation}|${issue}|${from}|${to}|${knownAt ?? ''}` : null,
    (s) => api.diff(negotiation, issue, from, to, knownAt, s),
    0,
  );
  return (
    <details class="compare" open={compare !== undefined}>
      <summary>Compare with another day</summary>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (isDay(draft)) onCompare(draft);
        }}
      >
        <label for="compare-date">Other day</label>
        <input id="compare-date" type="date" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        <button type="submit" disabled={!isDay(draft)}>
          Compare
        </button>
        {compare ? (
          <button type="button" onClick={() => onCompare(undefined)}>
            Clear
          </button>
        ) : null}
      </form>
      {compare ? (
        <div id="compare-result" aria-live="polite">
          <p class="small">
            From {formatPartialDate(from)} to {formatPartialDate(to)}:
          </p>
          {diff.error ? (
            <p class="notice-error">{(diff.error as ApiError).message}</p>
          ) : !diff.data ? (
            <p class="muted">Loading…</p>
          ) : lines(diff.data).length === 0 ? (
            <p class="muted">Nothing changed.</p>
          ) : (
            <ul>
              {lines(diff.data).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </details>
  );
};
