import type { EventView } from '../events-view';
import { KINDS, partyName } from '../model';

export interface EventFilter {
  party?: string;
  kind?: string;
  confidence?: string;
  /** 'issue': the selected issue only (default); 'all': every issue. */
  scope: 'issue' | 'all';
}

export const applyFilter = (views: EventView[], filter: EventFilter, issue: string | undefined, kindOf: (type: string) => string): EventView[] =>
  views.filter((v) => {
    const e = v.entry.event;
    if (filter.scope === 'issue' && e.issue !== issue) return false;
    if (filter.party && (e.party ?? 'joint') !== filter.party) return false;
    if (filter.kind && kindOf(e.type) !== filter.kind) return false;
    if (filter.confidence && e.confidence !== filter.confidence) return false;
    return true;
  });

interface Props {
  filter: EventFilter;
  parties: string[];
  total: number;
  onChange: (filter: EventFilter) => void;
}

/** Filters on the event list (and the timeline's highlight): issue, party, kind, confidence. Collapsed by default. */
export const EventFilters = ({ filter, parties, total, onChange }: Props) => {
  const active = [filter.party, filter.kind, filter.confidence].filter(Boolean).length + (filter.scope === 'all' ? 1 : 0);
  return (
    <details class="filters">
      <summary>Filters{active > 0 ? ` (${active})` : ''}</summary>
      <div class="filter-grid">
        <label>
          Issue
          <select id="filter-scope" value={filter.scope} onChange={(e) => onChange({ ...filter, scope: e.currentTarget.value as EventFilter['scope'] })}>
            <option value="issue">this issue</option>
            <option value="all">every issue ({total})</option>
          </select>
        </label>
        <label>
          Party
          <select id="filter-party" value={filter.party ?? ''} onChange={(e) => onChange({ ...filter, party: e.currentTarget.value || undefined })}>
            <option value="">any</option>
            {[...parties, 'joint'].map((p) => (
              <option key={p} value={p}>
                {p === 'joint' ? 'joint (no party)' : partyName(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select id="filter-kind" value={filter.kind ?? ''} onChange={(e) => onChange({ ...filter, kind: e.currentTarget.value || undefined })}>
            <option value="">any</option>
            {KINDS.map(([kind]) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
            <option value="correction">correction</option>
          </select>
        </label>
        <label>
          Confidence
          <select id="filter-confidence" value={filter.confidence ?? ''} onChange={(e) => onChange({ ...filter, confidence: e.currentTarget.value || undefined })}>
            <option value="">any</option>
            <option value="confirmed">confirmed</option>
            <option value="reported">reported</option>
            <option value="unconfirmed">unconfirmed</option>
          </select>
        </label>
      </div>
    </details>
  );
};
