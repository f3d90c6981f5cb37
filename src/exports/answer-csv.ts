import { IssueDiff, IssueAnswer, ProbesAnswer, Provenance, ReplayStep, SourceRef, TariffsAnswer, TimelineRow } from '../../projections';

/**
 * Parley's answers as CSV (RFC 4180): one row per fact, columns in a fixed order documented in
 * README ("CSV columns"), every row with the event it rests on, its confidence and its source.
 */
type Column<T> = readonly [header: string, value: (row: T) => unknown];

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = <T>(columns: readonly Column<T>[], rows: readonly T[]): string =>
  [columns.map(([header]) => header), ...rows.map((row) => columns.map(([, value]) => value(row)))].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';

type Sourced = Partial<Provenance> & { source?: SourceRef | null };

/** The provenance columns every export ends with. */
const provenanceColumns = <T extends Sourced>(): Column<T>[] => [
  ['event_id', (r) => r.eventId],
  ['confidence', (r) => r.confidence],
  ['publisher', (r) => r.source?.publisher],
  ['title', (r) => r.source?.title],
  ['url', (r) => r.source?.url],
  ['document', (r) => r.source?.document],
  ['published_at', (r) => r.source?.publishedAt],
  ['quote', (r) => r.source?.quote],
];

interface TermRow extends Sourced {
  kind: 'position' | 'agreed' | 'possible';
  party: string | null;
  key: string | null;
  metric?: string | null;
  scope?: string;
  value?: number;
  unit?: string;
  text?: string;
  note?: string;
  since?: string;
  window?: { from: string; to: string };
  inForce?: { value: number; from: string } | null;
}

export const issueStateCsv = (answer: IssueAnswer): string => {
  const rows: TermRow[] = [];
  for (const [party, terms] of Object.entries(answer.positions)) for (const [key, t] of Object.entries(terms)) rows.push({ kind: 'position', party, key, ...t });
  for (const [key, t] of Object.entries(answer.agreed ?? {})) rows.push({ kind: 'agreed', party: null, key, ...t });
  for (const p of answer.possible) {
    rows.push({ kind: 'possible', party: p.party, key: p.metric, metric: p.term?.metric ?? null, scope: p.term?.scope, value: p.term?.value, unit: p.term?.unit, text: p.term?.text ?? p.summary, note: p.term?.note, window: p.window, eventId: p.eventId, confidence: p.confidence });
  }
  return toCsv<TermRow>(
    [
      ['negotiation', () => answer.negotiation],
      ['issue', () => answer.issue],
      ['as_of', () => answer.asOf],
      ['known_at', () => answer.knownAt],
      ['status', () => answer.status],
      ['kind', (r) => r.kind],
      ['party', (r) => r.party],
      ['key', (r) => r.key],
      ['metric', (r) => r.metric ?? r.key?.split('@')[0]],
      ['scope', (r) => r.scope],
      ['value', (r) => r.value],
      ['unit', (r) => r.unit],
      ['text', (r) => r.text],
      ['note', (r) => r.note],
      ['since', (r) => r.since],
      ['window_from', (r) => r.window?.from],
      ['window_to', (r) => r.window?.to],
      ['in_force_value', (r) => r.inForce?.value],
      ['in_force_from', (r) => r.inForce?.from],
      ...provenanceColumns<TermRow>(),
    ],
    rows,
  );
};

interface LineRow extends Sourced {
  kind: 'in_force' | 'announced' | 'lifted' | 'possible';
  measure?: string;
  product?: string;
  target?: string;
  rate?: { value: number; unit: string };
  since?: string | null;
  exemption?: { until?: string | null } | null;
  summary?: string;
  window?: { from: string; to: string };
}

export const tariffsCsv = (answer: TariffsAnswer): string =>
  toCsv<LineRow>(
    [
      ['as_of', () => answer.asOf],
      ['known_at', () => answer.knownAt],
      ['kind', (r) => r.kind],
      ['measure', (r) => r.measure],
      ['product', (r) => r.product],
      ['target', (r) => r.target],
      ['rate_value', (r) => r.rate?.value],
      ['rate_unit', (r) => r.rate?.unit],
      ['since', (r) => r.since],
      ['exempt_until', (r) => (r.exemption ? (r.exemption.until ?? 'further notice') : undefined)],
      ['summary', (r) => r.summary],
      ['window_from', (r) => r.window?.from],
      ['window_to', (r) => r.window?.to],
      ...provenanceColumns<LineRow>(),
    ],
    [
      ...answer.inForce.map((l) => ({ kind: 'in_force' as const, ...l })),
      ...answer.announced.map((l) => ({ kind: 'announced' as const, ...l })),
      ...answer.lifted.map((l) => ({ kind: 'lifted' as const, ...l })),
      ...answer.possible.map((p) => ({ kind: 'possible' as const, ...p })),
    ],
  );

interface ProbeRow extends Sourced {
  kind: 'open' | 'possible';
  negotiation?: string;
  party: string | null;
  authority?: string;
  subject?: string;
  since?: string;
  summary?: string;
  window?: { from: string; to: string };
}

export const probesCsv = (answer: ProbesAnswer): string =>
  toCsv<ProbeRow>(
    [
      ['as_of', () => answer.asOf],
      ['known_at', () => answer.knownAt],
      ['kind', (r) => r.kind],
      ['negotiation', (r) => r.negotiation],
      ['party', (r) => r.party],
      ['authority', (r) => r.authority],
      ['subject', (r) => r.subject ?? r.summary],
      ['since', (r) => r.since],
      ['window_from', (r) => r.window?.from],
      ['window_to', (r) => r.window?.to],
      ...provenanceColumns<ProbeRow>(),
    ],
    [...answer.open.map((p) => ({ kind: 'open' as const, ...p })), ...answer.possible.map((p) => ({ kind: 'possible' as const, ...p }))],
  );

export const timelineCsv = (answer: { knownAt: string; entries: readonly TimelineRow[] }): string =>
  toCsv<TimelineRow>(
    [
      ['counts_from', (r) => r.countsFrom],
      ['occurred_at', (r) => r.event.occurredAt],
      ['precision', (r) => r.precision],
      ['window_from', (r) => r.window.from],
      ['window_to', (r) => r.window.to],
      ['negotiation', (r) => r.event.negotiation],
      ['issue', (r) => r.event.issue],
      ['party', (r) => r.event.party],
      ['type', (r) => r.event.type],
      ['summary', (r) => r.summary],
      ['position', (r) => r.position],
      ['recorded_at', (r) => r.recordedAt],
      ['corrected_by', (r) => r.correction?.eventId],
      ...provenanceColumns<TimelineRow>(),
    ],
    answer.entries,
  );

interface ChangeRow {
  step?: number;
  counts_from?: string;
  eventId?: string;
  eventType?: string;
  confidence?: string;
  /** `unchanged`: a replay step whose event moved nothing (a statement, a restated figure). */
  kind: 'status' | 'position' | 'gap' | 'agreed' | 'unchanged';
  party?: string;
  key?: string;
  change?: string;
  before?: unknown;
  after?: unknown;
}

const valueOf = (term: unknown): unknown => {
  if (term === null || term === undefined || typeof term !== 'object') return term;
  const t = term as { value?: number; unit?: string; text?: string; spread?: number; min?: number; max?: number };
  if (t.spread !== undefined) return `${t.spread} (${t.min}–${t.max} ${(t as { unit?: string }).unit ?? ''})`.trim();
  return t.value !== undefined ? `${t.value} ${t.unit ?? ''}`.trim() : t.text;
};

const changesOf = (diff: Pick<IssueDiff, 'status' | 'changes' | 'gaps' | 'agreed'>, step: Partial<ChangeRow> = {}): ChangeRow[] => [
  ...(diff.status ? [{ ...step, kind: 'status' as const, before: diff.status.from, after: diff.status.to }] : []),
  ...diff.changes.map((c) => ({ ...step, kind: 'position' as const, party: c.party, key: c.metric, change: c.change, before: valueOf(c.before), after: valueOf(c.after) })),
  ...diff.gaps.map((g) => ({ ...step, kind: 'gap' as const, key: g.metric, before: valueOf(g.before), after: valueOf(g.after) })),
  ...diff.agreed.map((a) => ({ ...step, kind: 'agreed' as const, key: a.metric, before: valueOf(a.before), after: valueOf(a.after) })),
];

const changeColumns: Column<ChangeRow>[] = [
  ['kind', (r) => r.kind],
  ['party', (r) => r.party],
  ['key', (r) => r.key],
  ['change', (r) => r.change],
  ['before', (r) => r.before],
  ['after', (r) => r.after],
];

export const diffCsv = (answer: IssueDiff & { negotiation: string; issue: string; knownAt: string }): string =>
  toCsv<ChangeRow>(
    [['negotiation', () => answer.negotiation], ['issue', () => answer.issue], ['from', () => answer.from], ['to', () => answer.to], ['known_at', () => answer.knownAt], ...changeColumns],
    changesOf(answer),
  );

export const replayCsv = (answer: { negotiation: string; issue: string; knownAt: string; steps: readonly ReplayStep[]; firstStep?: number }): string =>
  toCsv<ChangeRow>(
    [
      ['negotiation', () => answer.negotiation],
      ['issue', () => answer.issue],
      ['step', (r) => r.step],
      ['counts_from', (r) => r.counts_from],
      ['event_id', (r) => r.eventId],
      ['event_type', (r) => r.eventType],
      ['confidence', (r) => r.confidence],
      ...changeColumns,
    ],
    answer.steps.flatMap((s, i) => {
      // A page of a replay numbers its steps as in the whole replay.
      const step = { step: (answer.firstStep ?? 1) + i, counts_from: s.event.countsFrom, eventId: s.event.event.id, eventType: s.event.event.type, confidence: s.event.event.confidence };
      const changes = changesOf(s.diff, step);
      return changes.length > 0 ? changes : [{ ...step, kind: 'unchanged' as const }];
    }),
  );
