import { EventStoreDBClient } from '@eventstore/db-client';
import { bodyOf, ParleyEvent, StoredEvent } from '../../../events';
import { Clock, systemClock } from '../../clock/clock';
import { AppendOptions, AppendResult, EventStore } from '../event-store.port';
import { createLock, kurrentAppend } from './append';
import { kurrentAppendToStreams } from './append-to-streams';
import { createClaims } from './claims';
import { kurrentCheckpoints } from './checkpoints';
import { parseKurrentDBLocation } from './connection';
import { decodeRecorded, isForeignRecord } from './event-encoding';
import { KurrentDBHealth, kurrentHealth } from './health';
import { createIdIndex } from './id-index';
import { kurrentReadAll } from './read-all';
import { kurrentReadStream, readKurrentStream } from './read-stream';
import { serverVersionGate } from './server-version';
import { streamNames } from './stream-names';
import { DEFAULT_RESUBSCRIBE, kurrentSubscribe, ResubscribePolicy } from './subscribe';

export interface KurrentDBEventStoreOptions {
  /** esdb://host:2113?tls=false, esdb+discover://a,b,c:2113 (kurrentdb:// works too); may carry parleyNamespace=<ns>. */
  connectionString: string;
  clock?: Clock;
  /** Prepended to every stream Parley writes (default none, or the connection string's parleyNamespace). */
  namespace?: string;
  resubscribe?: ResubscribePolicy;
  /** Use this client instead of opening one (it is still disposed by close()). */
  client?: EventStoreDBClient;
  /** How long another writer's claim on an id may go without its event before it counts as abandoned (default 5 s). */
  claimAbandonedAfterMs?: number;
}

/** The KurrentDB adapter: the port, plus what only this adapter can do. */
export interface KurrentDBEventStore extends EventStore {
  readonly namespace: string;
  health(): Promise<KurrentDBHealth>;
  /** Appends events copied from another store, keeping each one's original recordedAt (`parley copy`). */
  appendCopied(stream: string, events: readonly StoredEvent[]): Promise<AppendResult>;
}


/**
 * Parley's event store on a KurrentDB (EventStoreDB) node or cluster, over @eventstore/db-client.
 * Nothing connects until the first operation; the id index (idempotency, getEvent, summary, head)
 * is built on first need by a filtered subscription that then keeps it current.
 */
export const getKurrentDBEventStore = (options: KurrentDBEventStoreOptions): KurrentDBEventStore => {
  const location = parseKurrentDBLocation(options.connectionString);
  const names = streamNames(options.namespace ?? location.namespace ?? '');
  const client = options.client ?? EventStoreDBClient.connectionString(location.connectionString);
  const clock = options.clock ?? systemClock;
  const supported = serverVersionGate(client);
  const index = createIdIndex(client, names, undefined, supported);
  const subscriptions = new Set<() => Promise<void>>();
  const register = (stop: () => Promise<void>) => {
    subscriptions.add(stop);
    return () => void subscriptions.delete(stop);
  };
  const claims = createClaims({ client, names, index, abandonedAfterMs: options.claimAbandonedAfterMs ?? 5_000 });
  const append = kurrentAppend({ client, names, index, claims, lock: createLock() });
  const host = location.connectionString.replace(/\/\/[^@/]*@/, '//').replace(/\?.*$/, '');

  return {
    kind: `kurrentdb (${host}${names.namespace ? `, namespace ${names.namespace}` : ''})`,
    namespace: names.namespace,
    append: (stream: string, events: readonly ParleyEvent[], appendOptions?: AppendOptions) => append(stream, { events }, appendOptions),
    ...kurrentAppendToStreams((stream, events, appendOptions) => append(stream, { events }, appendOptions)),
    appendCopied: (stream: string, events: readonly StoredEvent[]) =>
      append(stream, { events: events.map(bodyOf), recordedAt: new Map(events.map((e) => [e.id, e.recordedAt])) }),
    readStream: kurrentReadStream(client, names),
    readAll: kurrentReadAll(client, names),
    subscribe: kurrentSubscribe(client, names, register, options.resubscribe ?? DEFAULT_RESUBSCRIBE, supported),
    getEvent: async (id: string) => {
      await index.ready();
      const entry = index.get(id);
      if (!entry) return undefined;
      for await (const resolved of readKurrentStream(client, entry.stream, { fromRevision: entry.revision, limit: 1 })) {
        if (resolved.event && !isForeignRecord(resolved.event)) return decodeRecorded(resolved.event).event;
      }
      return undefined;
    },
    summary: async () => {
      await index.ready();
      return index.summary();
    },
    headPosition: async () => {
      await index.ready();
      return index.state().head;
    },
    ...kurrentCheckpoints(client, names, clock),
    health: kurrentHealth(client, index),
    close: async () => {
      await Promise.allSettled([index.close(), ...[...subscriptions].map((stop) => stop())]);
      subscriptions.clear();
      await client.dispose();
    },
  };
};
