import { START, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { StoredEvent } from '../../../events';
import { StoreSummaryEntry } from '../event-store.port';
import { decodeRecorded, isForeignRecord, STREAM_DELETED } from './event-encoding';
import { followAll, Following, SubscribeClient } from './follow-all';
import { maxPosition, positionOf } from './positions';
import { StreamNames } from './stream-names';
import { isTransient } from './translate-error';
import { backoffMs } from './backoff';

/** Where one Parley id is stored, and a digest of its content: what idempotency and getEvent need. */
export interface IndexEntry {
  stream: string;
  revision: bigint;
  position: bigint;
  digest: string;
  negotiation: string;
  issue: string | null;
}

export interface IdIndexState {
  /** The index has caught up with the log once and is following it live. */
  live: boolean;
  /** Last position of this namespace's events that the index holds (0n when none). */
  head: bigint;
  /** How far the server-side filter has looked through $all, events of other streams included. */
  scanned: bigint;
  events: number;
  /** Records in negotiation streams that are not Parley events (tombstones, `$metadata`, non-JSON), skipped. */
  skippedRecords: number;
  lastError?: string;
}

export interface IdIndex {
  /** Resolves once the index holds every event written before it was asked for (rejects if it cannot connect). */
  ready(): Promise<void>;
  get(id: string): IndexEntry | undefined;
  /** Resolves with the entry once the index holds `id`, or with undefined after `timeoutMs`. */
  waitFor(id: string, timeoutMs: number): Promise<IndexEntry | undefined>;
  /** Records an event this process just wrote, before the subscription brings it back. */
  add(event: StoredEvent, stream: string, digest: string): void;
  summary(): StoreSummaryEntry[];
  state(): IdIndexState;
  close(): Promise<void>;
}

/**
 * The adapter's own memory of which Parley ids exist: KurrentDB only knows UUIDs per stream, while
 * the port promises one id → one event across the whole store. Filled by a catch-up subscription to
 * this namespace's negotiation streams (filtered on the server) and kept current by the same
 * subscription; it also yields summary() and headPosition() without reading events. If the
 * connection drops (a node stops, restarts or loses leadership), it resubscribes after the last
 * position it holds, for as long as it takes; meanwhile it is not live, and appends are refused.
 * Records Parley did not write are skipped; a hard delete's `$streamDeleted` makes it forget that
 * stream's events, which KurrentDB no longer returns.
 */
export const createIdIndex = (
  client: SubscribeClient,
  names: StreamNames,
  retryDelayMs = 250,
  supported: () => Promise<void> = () => Promise.resolve(),
): IdIndex => {
  const byId = new Map<string, IndexEntry>();
  const idsByStream = new Map<string, Set<string>>();
  const waiting = new Map<string, Set<(entry: IndexEntry) => void>>();
  let skippedRecords = 0;
  const counts = new Map<string, StoreSummaryEntry>();
  let head = 0n;
  let scanned = 0n;
  let live = false;
  let lastError: string | undefined;
  let following: Following | undefined;
  let starting: Promise<void> | undefined;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  const countKey = (entry: IndexEntry) => `${entry.negotiation}\u0000${entry.issue ?? ''}`;

  const remember = (id: string, entry: IndexEntry): void => {
    if (byId.has(id)) return;
    byId.set(id, entry);
    let ids = idsByStream.get(entry.stream);
    if (!ids) idsByStream.set(entry.stream, (ids = new Set()));
    ids.add(id);
    head = maxPosition(head, entry.position);
    const count = counts.get(countKey(entry));
    if (count) count.events++;
    else counts.set(countKey(entry), { negotiation: entry.negotiation, issue: entry.issue, events: 1 });
    const waiters = waiting.get(id);
    waiting.delete(id);
    waiters?.forEach((resolve) => resolve(entry));
  };

  /** After a hard delete KurrentDB no longer returns the stream's events: they leave getEvent and summary. */
  const forgetStream = (stream: string): void => {
    for (const id of idsByStream.get(stream) ?? []) {
      const entry = byId.get(id)!;
      byId.delete(id);
      const count = counts.get(countKey(entry));
      if (count && --count.events === 0) counts.delete(countKey(entry));
    }
    idsByStream.delete(stream);
  };

  const onEvent = (resolved: AllStreamResolvedEvent): void => {
    const recorded = resolved.event;
    if (!recorded || !names.isEventStream(recorded.streamId)) return;
    scanned = maxPosition(scanned, recorded.position.commit);
    if (isForeignRecord(recorded)) {
      skippedRecords++;
      if (recorded.type === STREAM_DELETED) forgetStream(recorded.streamId);
      return;
    }
    const { event, digest } = decodeRecorded(recorded);
    if (!names.holds(recorded.streamId, event.negotiation)) return;
    remember(event.id, {
      stream: recorded.streamId,
      revision: recorded.revision,
      position: event.position,
      digest,
      negotiation: event.negotiation,
      issue: event.issue ?? null,
    });
  };

  const follow = (onCaughtUp: () => void, onFailure: (error: unknown) => void): void => {
    if (closed) return;
    const from = scanned > 0n ? positionOf(scanned) : START;
    following = followAll(client, from, { on: 'stream', prefixes: [names.eventStreamPrefix] }, {
      event: (resolved) => {
        try {
          onEvent(resolved);
        } catch (error) {
          handleError(error, onFailure);
        }
      },
      caughtUp: () => {
        failures = 0;
        live = true;
        lastError = undefined;
        onCaughtUp();
      },
      checkpoint: (position) => (scanned = maxPosition(scanned, position)),
      error: (error) => handleError(error, onFailure),
    });
  };

  const handleError = (error: unknown, onFailure: (error: unknown) => void): void => {
    const current = following;
    following = undefined;
    void current?.stop();
    live = false;
    lastError = error instanceof Error ? error.message : String(error);
    if (closed) return;
    onFailure(error);
  };

  /** After the first catch-up, the index keeps following on its own, retrying transient failures. */
  const keepFollowing = (error: unknown): void => {
    if (closed || !isTransient(error)) return;
    failures++;
    retry = setTimeout(() => follow(() => undefined, keepFollowing), backoffMs(retryDelayMs, failures));
  };

  const start = async (): Promise<void> => {
    await supported();
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      follow(
        () => {
          if (settled) return;
          settled = true;
          resolve();
        },
        (error) => {
          if (settled) return keepFollowing(error);
          settled = true;
          reject(error);
        },
      );
    });
  };

  return {
    ready: () => {
      if (closed) return Promise.reject(new Error('the KurrentDB event store is closed'));
      starting ??= start().catch((error: unknown) => {
        starting = undefined; // the next operation tries to connect again
        throw error;
      });
      return starting;
    },
    get: (id) => byId.get(id),
    waitFor: (id, timeoutMs) => {
      const known = byId.get(id);
      if (known || timeoutMs <= 0) return Promise.resolve(known);
      return new Promise((resolve) => {
        const done = (entry: IndexEntry | undefined) => {
          clearTimeout(timer);
          waiting.get(id)?.delete(done);
          resolve(entry);
        };
        const timer = setTimeout(() => done(undefined), timeoutMs);
        let waiters = waiting.get(id);
        if (!waiters) waiting.set(id, (waiters = new Set()));
        waiters.add(done);
      });
    },
    add: (event, stream, digest) =>
      remember(event.id, { stream, revision: event.streamRevision, position: event.position, digest, negotiation: event.negotiation, issue: event.issue ?? null }),
    summary: () =>
      [...counts.values()]
        .map((entry) => ({ ...entry }))
        .sort((a, b) => (a.negotiation === b.negotiation ? (a.issue ?? '').localeCompare(b.issue ?? '') : a.negotiation.localeCompare(b.negotiation))),
    state: () => ({ live, head, scanned, events: byId.size, skippedRecords, ...(lastError === undefined ? {} : { lastError }) }),
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = following;
      following = undefined;
      await current?.stop();
    },
  };
};
