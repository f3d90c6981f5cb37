/**
 * The in-memory transaction log behind the KurrentDB test double.
 *
 * Mirrors the parts of KurrentDB's storage that clients can observe:
 * - one global, totally ordered log (`$all`) whose positions are byte offsets:
 *   bigint, strictly increasing and NOT contiguous (each record advances the
 *   position by its own size, like a prepare record in a TF chunk);
 * - per-stream revisions starting at 0;
 * - optimistic concurrency on append (any / no_stream / stream_exists / exact);
 * - per-stream idempotency as `IndexWriter.CheckCommit` decides it: with an exact
 *   revision below the current one (or no_stream on an existing stream) the ids
 *   must already sit right after it (a retry: the original result comes back)
 *   or the write is WrongExpectedVersion; with any/stream_exists only a bounded,
 *   in-memory cache of recently committed ids is consulted (the server's
 *   `_committedEvents`, 8 MiB, lost on restart): first id unknown → appended,
 *   duplicates included; first known but a later one not → WrongExpectedVersion
 *   (CorruptedIdempotency); all known → the original result; an exact revision
 *   equal to the current one is appended with no check at all.
 * Every event is self-committed, so commit position == prepare position.
 * - hard deletes (tombstones): a `$streamDeleted` record is written into the
 *   stream and shows up in `$all`; the stream then reads as deleted and refuses
 *   appends (KurrentDB `AllReader.cs`: "prepare with useful data or delete
 *   tombstone"; `EventNumber.DeletedStream` = long.MaxValue is its revision).
 */

import { randomUUID } from "node:crypto";

export type ExpectedRevision =
  | { readonly kind: "any" }
  | { readonly kind: "no_stream" }
  | { readonly kind: "stream_exists" }
  | { readonly kind: "exact"; readonly revision: bigint };

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface LogRecord extends ProposedEvent {
  /** Commit position == prepare position (self-committed event). */
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: number;
  /** .NET ticks (100ns) since the Unix epoch, as the server reports `created`. */
  readonly createdTicks: bigint;
  /** The `$streamDeleted` record of a hard delete (its revision on the wire is long.MaxValue). */
  readonly tombstone?: true;
}

/** `EventNumber.DeletedStream`: the revision KurrentDB reports for a tombstone record. */
export const DELETED_STREAM_REVISION = 9223372036854775807n;
export const STREAM_DELETED_TYPE = "$streamDeleted";

/** -1 means "the stream does not exist". */
export type StreamRevisionOrNone = number;

export type AppendOutcome =
  | { readonly ok: true; readonly currentRevision: StreamRevisionOrNone; readonly position?: bigint }
  | { readonly ok: false; readonly currentRevision: StreamRevisionOrNone; readonly deleted?: true };

interface StreamState {
  readonly records: LogRecord[];
  deleted?: LogRecord;
}

/** Entries of the committed-ids cache: 8 MiB at roughly 100+ bytes per entry on the server. */
export const DEFAULT_COMMITTED_IDS_CACHE = 65_536;

/** Fixed per-record overhead of a v2 prepare record (length prefix/suffix, header, ids). */
const RECORD_OVERHEAD = 93;
const utf8Length = (s: string): number => Buffer.byteLength(s, "utf8");

export function recordSize(streamId: string, event: ProposedEvent): bigint {
  return BigInt(
    RECORD_OVERHEAD + utf8Length(streamId) + utf8Length(event.type) + event.data.length + event.metadata.length,
  );
}

function nowInTicks(): bigint {
  const subMillisecondTicks = Math.floor((performance.now() * 10_000) % 10_000);
  return BigInt(Date.now()) * 10_000n + BigInt(subMillisecondTicks);
}

export class InMemoryLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly listeners = new Set<() => void>();
  private nextPosition: bigint;
  private lengthBeforeLastWrite = 0;
  /** The server's `_committedEvents`: event id → where it was last committed; oldest entries go first. */
  private readonly committedIds = new Map<string, { readonly streamId: string; readonly revision: number }>();

  constructor(
    initialPosition: bigint,
    private readonly committedIdsCacheSize = DEFAULT_COMMITTED_IDS_CACHE,
  ) {
    if (initialPosition < 0n) throw new RangeError("initialPosition must be >= 0");
    this.nextPosition = initialPosition;
  }

  /** What a restart or a new leader does to the weak idempotency check: its cache starts empty. */
  forgetCommittedIds(): void {
    this.committedIds.clear();
  }

  /** Number of records in `$all`. */
  get length(): number {
    return this.records.length;
  }

  /** What a follower one write behind the leader holds: `$all` without the latest write. */
  get lengthOnLaggingFollower(): number {
    return this.lengthBeforeLastWrite;
  }

  at(index: number): LogRecord | undefined {
    return this.records[index];
  }

  stream(streamId: string): readonly LogRecord[] | undefined {
    return this.streams.get(streamId)?.records;
  }

  isDeleted(streamId: string): boolean {
    return this.streams.get(streamId)?.deleted !== undefined;
  }

  /**
   * True when `position` starts a record or lies at/after the end of the log: the
   * only positions KurrentDB reads `$all` from. Any other raises InvalidArgument
   * "Trying to read from an invalid position." (`RpcExceptions.InvalidPositionException`).
   */
  isReadablePosition(position: bigint): boolean {
    if (position >= this.nextPosition) return true;
    return this.records[this.firstIndexAtOrAfter(position)]?.position === position;
  }

  /**
   * Hard delete: writes the `$streamDeleted` record (not JSON, empty data) into the
   * stream and `$all`; afterwards reads raise StreamDeleted and appends are refused.
   */
  tombstone(streamId: string, expected: ExpectedRevision): AppendOutcome {
    const state = this.streams.get(streamId);
    const current = (state?.records.length ?? 0) - 1;
    if (state?.deleted) return { ok: false, currentRevision: current, deleted: true };
    if (!satisfies(expected, current)) return { ok: false, currentRevision: current };
    const stream = state ?? this.createStream(streamId);
    const record: LogRecord = {
      id: randomUUID(),
      type: STREAM_DELETED_TYPE,
      isJson: false,
      data: new Uint8Array(),
      metadata: new Uint8Array(),
      streamId,
      revision: current + 1,
      position: this.nextPosition,
      createdTicks: nowInTicks(),
      tombstone: true,
    };
    this.nextPosition += recordSize(streamId, record);
    this.lengthBeforeLastWrite = this.records.length;
    stream.deleted = record;
    this.records.push(record);
    for (const listener of [...this.listeners]) listener();
    return { ok: true, currentRevision: current, position: record.position };
  }

  lastRevision(streamId: string): StreamRevisionOrNone {
    return (this.streams.get(streamId)?.records.length ?? 0) - 1;
  }

  /** Index of the first record whose position is >= `position` (binary search). */
  firstIndexAtOrAfter(position: bigint): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid].position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first record whose position is > `position`. */
  firstIndexAfter(position: bigint): number {
    const index = this.firstIndexAtOrAfter(position);
    return this.records[index]?.position === position ? index + 1 : index;
  }

  /** Called synchronously after every successful write. Returns an unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(streamId: string, expected: ExpectedRevision, events: readonly ProposedEvent[]): AppendOutcome {
    const state = this.streams.get(streamId);
    const current = (state?.records.length ?? 0) - 1;
    if (state?.deleted) return { ok: false, currentRevision: current, deleted: true };

    const replay = this.idempotentReplay(state, expected, events);
    if (replay) return replay;
    if (!satisfies(expected, current)) return { ok: false, currentRevision: current };
    if (events.length === 0) return { ok: true, currentRevision: current };

    const stream = state ?? this.createStream(streamId);
    this.lengthBeforeLastWrite = this.records.length;
    let last: LogRecord | undefined;
    for (const event of events) {
      last = {
        ...event,
        streamId,
        revision: stream.records.length,
        position: this.nextPosition,
        // Each prepare is stamped when the leader creates it, so one write's stamps can differ.
        createdTicks: nowInTicks(),
      };
      this.nextPosition += recordSize(streamId, event);
      stream.records.push(last);
      this.committedIds.delete(event.id);
      this.committedIds.set(event.id, { streamId, revision: last.revision });
      if (this.committedIds.size > this.committedIdsCacheSize) this.committedIds.delete(this.committedIds.keys().next().value!);
      this.records.push(last);
    }
    for (const listener of [...this.listeners]) listener();
    return { ok: true, currentRevision: last!.revision, position: last!.position };
  }

  private createStream(streamId: string): StreamState {
    const state: StreamState = { records: [] };
    this.streams.set(streamId, state);
    return state;
  }

  /** `IndexWriter.CheckCommit`'s idempotency branches; undefined when the write is to be checked and appended normally. */
  private idempotentReplay(
    state: StreamState | undefined,
    expected: ExpectedRevision,
    events: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    if (!state || events.length === 0) return undefined;
    const current = state.records.length - 1;
    if (expected.kind === "any" || expected.kind === "stream_exists") {
      let end: number | undefined;
      for (const [i, event] of events.entries()) {
        const cached = this.committedIds.get(event.id);
        if (!cached || cached.streamId !== state.records[0].streamId) {
          return i === 0 ? undefined : { ok: false, currentRevision: current };
        }
        end = cached.revision;
      }
      const last = state.records[end!];
      return { ok: true, currentRevision: last.revision, position: last.position };
    }
    let from: number;
    if (expected.kind === "no_stream") from = 0;
    else if (expected.revision >= BigInt(current)) return undefined;
    else from = Number(expected.revision) + 1;
    if (from + events.length > state.records.length) return undefined;
    for (let i = 0; i < events.length; i++) {
      if (state.records[from + i].id !== events[i].id) return undefined;
    }
    const last = state.records[from + events.length - 1];
    return { ok: true, currentRevision: last.revision, position: last.position };
  }
}

function satisfies(expected: ExpectedRevision, current: StreamRevisionOrNone): boolean {
  switch (expected.kind) {
    case "any":
      return true;
    case "no_stream":
      return current === -1;
    case "stream_exists":
      return current >= 0;
    case "exact":
      return expected.revision === BigInt(current);
  }
}
