/**
 * The public HTTP API as the page uses it (see /docs for the OpenAPI document). The answers that carry
 * no positions (IssueState, diffs, probes) are the projections' own types; the rest describe only the
 * fields the page reads, with positions as the JSON numbers they are on the wire.
 */
import type {
  IssueAnswer, IssueDiff, IssueState, KnowledgeNote, MetricGap, NegotiationListing as NegotiationSummary, OpenProbe, PositionTerm, PossibleEvent, PossibleTerm, Provenance,
} from '../../projections';

export type { IssueAnswer, IssueDiff, IssueState, KnowledgeNote, MetricGap, NegotiationSummary, OpenProbe, PositionTerm, PossibleEvent, PossibleTerm };

/** An event's source as the catalog defines it (a type-only import: no zod reaches the bundle). */
import type { Source } from '../../events';
export type { Source };

export interface Term {
  metric: string;
  value?: number;
  unit?: string;
  text?: string;
  note?: string;
}

export interface ParleyEvent {
  id: string;
  type: string;
  negotiation: string;
  issue?: string;
  party?: string;
  occurredAt: string;
  source?: Source;
  confidence?: string;
  data: Record<string, unknown>;
}

export interface StoredEvent extends ParleyEvent {
  position: number;
  recordedAt: string;
}

export type Precision = 'day' | 'month' | 'year';

export interface TimelineEntry {
  event: ParleyEvent;
  position: number;
  recordedAt: string;
  countsFrom: string;
  precision: Precision;
  summary: string;
  correction?: { eventId: string; recordedAt: string };
}

export interface ReplayStep {
  event: { event: ParleyEvent; position: number; recordedAt: string; countsFrom: string };
  state: IssueState;
  diff: IssueDiff;
}

export interface TariffLine {
  measure: string;
  product: string;
  /** A country, or "*" for everyone (then `except` lists countries with a decision of their own). */
  target: string;
  except?: string[];
  rate?: { value: number; unit: string } | null;
  since: string | null;
  eventId: string;
  exemption?: { until: string | null; eventId: string } | null;
  exemptions?: Array<{ beneficiary: string; until: string | null; eventId: string }>;
  retroactive?: true;
}

export interface TariffsAnswer {
  asOf: string;
  knownAt: string;
  inForce: Array<TariffLine & Partial<Provenance>>;
  announced: Array<TariffLine & Partial<Provenance>>;
  lifted: Array<TariffLine & Partial<Provenance>>;
  /** Tariff events whose date window has begun but not ended on asOf: possibly in effect by then. */
  possible?: PossibleEvent[];
}

export interface ProbesAnswer {
  asOf: string;
  knownAt: string;
  open: Array<OpenProbe & Partial<Provenance>>;
  possible?: PossibleEvent[];
}

/** A point in valid time (asOf) and transaction time (knownAt); undefined means "latest". */
export interface PointInTime {
  asOf?: string;
  knownAt?: string;
  /** Count only events at least this confident. */
  minConfidence?: string;
}

/** A refused request (status and the API's message), or the server not reachable at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Field-level problems of a refused batch, as the API names them (path → message). */
    readonly problems: Array<{ index?: number; path: string; message: string }> = [],
  ) {
    super(message);
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

const query = (params: Record<string, string | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

const refusal = async (response: Response): Promise<ApiError> => {
  let message = `${response.status} ${response.statusText}`;
  let problems: ApiError['problems'] = [];
  try {
    const body = (await response.json()) as { error?: { message?: string; details?: unknown } };
    if (body.error?.message) message = body.error.message;
    // A refused event batch names each problem: { index, path, message } (invalid_event, rule_violation).
    if (Array.isArray(body.error?.details)) problems = body.error.details as ApiError['problems'];
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message, problems);
};

const send = async (path: string, init: RequestInit): Promise<Response> => {
  try {
    return await fetch(path, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(0, 'The Parley server cannot be reached.');
  }
};

const getJson = async <T>(path: string, signal?: AbortSignal): Promise<T> => {
  const response = await send(path, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as T;
};

const seg = encodeURIComponent;

export interface RecordResult {
  appended: number;
  duplicates?: number;
  firstPosition: number | string | null;
  lastPosition: number | string | null;
}

export const api = {
  negotiations: (signal?: AbortSignal) => getJson<{ negotiations: NegotiationSummary[] }>('/negotiations', signal),
  issueState: (negotiation: string, issue: string, at: PointInTime, signal?: AbortSignal) =>
    getJson<IssueAnswer>(`/negotiations/${seg(negotiation)}/issues/${seg(issue)}${query({ ...at })}`, signal),
  replay: (negotiation: string, issue: string, knownAt: string | undefined, signal?: AbortSignal) =>
    getJson<{ steps: ReplayStep[] }>(`/negotiations/${seg(negotiation)}/issues/${seg(issue)}/replay${query({ knownAt })}`, signal),
  diff: (negotiation: string, issue: string, from: string, to: string, knownAt: string | undefined, signal?: AbortSignal) =>
    getJson<IssueDiff>(`/negotiations/${seg(negotiation)}/issues/${seg(issue)}/diff${query({ from, to, knownAt })}`, signal),
  timeline: (negotiation: string, knownAt: string | undefined, minConfidence: string | undefined, signal?: AbortSignal) =>
    getJson<{ knownAt: string; entries: TimelineEntry[]; knowledge: KnowledgeNote[] }>(`/timeline${query({ negotiation, knownAt, minConfidence })}`, signal),
  tariffs: (at: PointInTime & { target?: string }, signal?: AbortSignal) => getJson<TariffsAnswer>(`/tariffs${query({ ...at })}`, signal),
  probes: (at: PointInTime & { negotiation?: string }, signal?: AbortSignal) => getJson<ProbesAnswer>(`/probes${query({ ...at })}`, signal),
  event: (id: string, signal?: AbortSignal) => getJson<StoredEvent>(`/events/${seg(id)}`, signal),
  /** Every correction and retraction recorded for a negotiation (all pages). */
  corrections: async (negotiation: string, signal?: AbortSignal): Promise<StoredEvent[]> => {
    const all: StoredEvent[] = [];
    let fromPosition: string | undefined;
    for (;;) {
      const page = await getJson<{ events: StoredEvent[]; next: string | null }>(
        `/events${query({ negotiation, type: 'EventCorrected,EventRetracted', limit: '1000', fromPosition })}`,
        signal,
      );
      all.push(...page.events);
      if (page.next === null || page.events.length === 0) return all;
      fromPosition = page.next;
    }
  },
  headPosition: async (signal?: AbortSignal): Promise<string> =>
    String((await getJson<{ store: { headPosition: number | string } }>('/health', signal)).store.headPosition),
  /** POST /events: one batch, all or nothing; `token` is the bearer token when the server wants one. */
  record: async (events: unknown[], token: string | undefined): Promise<RecordResult> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await send('/events', { method: 'POST', headers, body: JSON.stringify(events.length === 1 ? events[0] : events) });
    if (!response.ok) throw await refusal(response);
    return (await response.json()) as RecordResult;
  },
};

export const streamUrls = {
  events: (negotiation: string, fromPosition: string) => `/subscriptions/events${query({ negotiation, fromPosition })}`,
  issueState: (negotiation: string, issue: string, asOf: string | undefined) =>
    `/subscriptions/negotiations/${seg(negotiation)}/issues/${seg(issue)}/state${query({ asOf })}`,
};
