import { START, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { StoredEvent } from '../../../events';
import { StoreSummaryEntry } from '../event-store.port';
import { decodeRecorded } from './event-encoding';
import { followAll, Following, SubscribeClient } from './follow-all';
import { maxPosition, positionOf } from './positions';
import { StreamNames } from './stream-names';
import { isTransient } from './translate-error';

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
  lastError?: string;
}

export interface IdIndex {
  /** Resolves once the index holds every event written before it was asked for (rejects if it cannot connect). */
  ready(): Promise<void>;
  get(id: string): IndexEntry | undefined;
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
 * connection drops, it resubscribes after the last position it holds.
 */
export const createIdIndex = (client: SubscribeClient, names: StreamNames, retryDelayMs = 250): IdIndex => {
  const byId = new Map<string, IndexEntry>();
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

  const remember = (id: string, entry: IndexEntry): void => {
    if (byId.has(id)) return;
    byId.set(id, entry);
    head = maxPosition(head, entry.position);
    const key = `${entry.negotiation}\u0000${entry.issue ?? ''}`;
    const count = counts.get(key);
    if (count) count.events++;
    else counts.set(key, { negotiation: entry.negotiation, issue: entry.issue, events: 1 });
  };

  const onEvent = (resolved: AllStreamResolvedEvent): void => {
    const recorded = resolved.event;
    if (!recorded || !names.isEventStream(recorded.streamId)) return;
    scanned = maxPosition(scanned, recorded.position.commit);
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
    retry = setTimeout(() => follow(() => undefined, keepFollowing), Math.min(retryDelayMs * 2 ** Math.min(failures - 1, 5), 5_000));
  };

  const start = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
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
    add: (event, stream, digest) =>
      remember(event.id, { stream, revision: event.streamRevision, position: event.position, digest, negotiation: event.negotiation, issue: event.issue ?? null }),
    summary: () =>
      [...counts.values()]
        .map((entry) => ({ ...entry }))
        .sort((a, b) => (a.negotiation === b.negotiation ? (a.issue ?? '').localeCompare(b.issue ?? '') : a.negotiation.localeCompare(b.negotiation))),
    state: () => ({ live, head, scanned, events: byId.size, ...(lastError === undefined ? {} : { lastError }) }),
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = following;
      following = undefined;
      await current?.stop();
    },
  };
};
