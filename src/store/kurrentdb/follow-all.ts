import {
  eventTypeFilter,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Filter,
  type ReadPosition,
} from '@eventstore/db-client';
import { SubscriptionEndedError } from './translate-error';

/** What a server-side $all filter selects: stream names (prefixes or a regex) or event types (a regex). */
export type ServerFilter = { on: 'stream'; prefixes: string[] } | { on: 'stream'; regex: string } | { on: 'type'; regex: string };

export interface FollowHandlers {
  event(resolved: AllStreamResolvedEvent): void;
  /** Once the server says catch-up is over, after every event it sent before saying so. */
  caughtUp(): void;
  /** Every event before `position` has been handed over (checkpoints arriving while events are still buffered are skipped). */
  checkpoint(position: bigint): void;
  error(error: unknown): void;
}

export interface Following {
  stop(): Promise<void>;
}

export type SubscribeClient = Pick<EventStoreDBClient, 'subscribeToAll'>;

const toFilter = (filter: ServerFilter, checkpointReached: Filter['checkpointReached']): Filter => {
  if (filter.on === 'type') return eventTypeFilter({ regex: filter.regex, checkpointReached });
  return 'prefixes' in filter
    ? streamNameFilter({ prefixes: filter.prefixes, checkpointReached })
    : streamNameFilter({ regex: filter.regex, checkpointReached });
};

/**
 * One catch-up subscription to $all (`subscribeToAll`), filtered on the server. The client emits
 * `caughtUp` while events read before it may still sit in the stream's buffer, so the signal is
 * held back until exactly that many buffered events have been handed over. `stop` cancels the gRPC
 * call (unsubscribe) and destroys the stream.
 */
export const followAll = (client: SubscribeClient, from: ReadPosition, filter: ServerFilter, handlers: FollowHandlers): Following => {
  let stopped = false;
  let caughtUpAfter = -1;
  const subscription = client.subscribeToAll({
    fromPosition: from,
    filter: toFilter(filter, (_, position) => {
      if (!stopped && subscription.readableLength === 0) handlers.checkpoint(position.commit);
    }),
  });
  subscription.on('data', (resolved: AllStreamResolvedEvent) => {
    if (stopped) return;
    handlers.event(resolved);
    if (caughtUpAfter > 0 && --caughtUpAfter === 0) handlers.caughtUp();
  });
  subscription.on('caughtUp', () => {
    if (stopped || caughtUpAfter > 0) return;
    caughtUpAfter = subscription.readableLength;
    if (caughtUpAfter === 0) handlers.caughtUp();
  });
  subscription.on('error', (error: unknown) => {
    if (!stopped) handlers.error(error);
  });
  subscription.on('end', () => {
    if (!stopped) handlers.error(new SubscriptionEndedError());
  });
  return {
    stop: async () => {
      if (stopped) return;
      stopped = true;
      try {
        await subscription.unsubscribe();
      } finally {
        subscription.destroy();
      }
    },
  };
};
