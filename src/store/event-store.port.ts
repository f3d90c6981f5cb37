import { Observable } from 'rxjs';
import { EventType, ParleyEvent, StoredEvent } from '../../events';

/**
 * The event-store port. Shapes follow @eventstore/db-client so that its adapter is a thin mapping:
 * bigint positions (global, strictly increasing, NOT contiguous in general) and per-stream revisions.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  stream: string;
  events: readonly ParleyEvent[];
  expectedRevision?: ExpectedRevision;
}

/**
 * Whether `appendToStreams` commits several streams in one transaction ('atomic') or, on a store
 * without multi-stream transactions, takes one stream only and refuses more before writing anything
 * ('single-stream'). Either way no call ever leaves some streams written and others not.
 */
export type MultiStreamAppend = 'atomic' | 'single-stream';

export interface AppendResult {
  /** Revision of the stream after the append (-1n for a stream that still has no events). */
  nextExpectedRevision: bigint;
  /** Every event of the batch as stored; duplicates carry the position they were first stored at. */
  events: StoredEvent[];
  appended: number;
  duplicates: number;
}

export interface EventFilter {
  negotiation?: string;
  issue?: string;
  party?: string;
  types?: readonly EventType[];
}

export interface ReadAllOptions {
  /** Exclusive: read events after this position (forwards) or before it (backwards). */
  fromPosition?: bigint;
  direction?: 'forwards' | 'backwards';
  limit?: number;
  filter?: EventFilter;
}

export interface ReadStreamOptions {
  /** Inclusive revision to start from. */
  fromRevision?: bigint;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this position; omitted = live only, from the current end. */
  fromPosition?: bigint;
  filter?: EventFilter;
}

/** What a subscription emits: events in position order, and a marker once catch-up has reached the live end. */
export type SubscriptionMessage =
  | { kind: 'event'; event: StoredEvent }
  | { kind: 'caught-up'; position: bigint };

/** How many events each negotiation (and issue within it; null = no issue) holds. */
export interface StoreSummaryEntry {
  negotiation: string;
  issue: string | null;
  events: number;
}

export interface EventStore {
  readonly kind: string;
  append(stream: string, events: readonly ParleyEvent[], options?: AppendOptions): Promise<AppendResult>;
  readonly multiStreamAppend: MultiStreamAppend;
  /**
   * Every stream's events in ONE transaction, or none; results in the order given. A
   * 'single-stream' adapter refuses more than one stream with MultiStreamAppendUnsupportedError.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /** Catch-up from a position, then live, with no gap and no duplicate; unsubscribing ends it. */
  subscribe(options?: SubscribeOptions): Observable<SubscriptionMessage>;
  getEvent(id: string): Promise<StoredEvent | undefined>;
  /** What negotiations and issues exist, without reading their events (an index scan or a kept count). */
  summary(): Promise<StoreSummaryEntry[]>;
  /** Position of the last stored event (0n when empty). */
  headPosition(): Promise<bigint>;
  /** Named checkpoints of durable subscribers, kept in the store itself. */
  readCheckpoint(name: string): Promise<bigint | undefined>;
  storeCheckpoint(name: string, position: bigint): Promise<void>;
  /** How many named checkpoints exist, so new names can be bounded; an adapter that cannot count cheaply omits it. */
  countCheckpoints?(): Promise<number>;
  /** Connectivity and lag, reported by /health; an adapter without it (embedded SQLite) is always reachable. */
  health?(): Promise<{ connected: boolean; [detail: string]: unknown }>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

export const matchesFilter = (event: StoredEvent | ParleyEvent, filter: EventFilter | undefined): boolean =>
  !filter ||
  ((filter.negotiation === undefined || event.negotiation === filter.negotiation) &&
    (filter.issue === undefined || event.issue === filter.issue) &&
    (filter.party === undefined || event.party === filter.party) &&
    (filter.types === undefined || filter.types.length === 0 || filter.types.includes(event.type)));
