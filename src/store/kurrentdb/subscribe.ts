import { END, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { Observable } from 'rxjs';
import { matchesFilter, SubscribeOptions, SubscriptionMessage } from '../event-store.port';
import { decodeRecorded, isForeignRecord } from './event-encoding';
import { followAll, Following, SubscribeClient } from './follow-all';
import { maxPosition, startAfter } from './positions';
import { serverFilterFor } from './server-filter';
import { StreamNames } from './stream-names';
import { isTransient, translateReadError } from './translate-error';
import { backoffMs } from './backoff';

export interface ResubscribePolicy {
  /** Consecutive failed attempts before the subscriber gets the error (default: no limit). */
  attempts: number;
  /** First delay; doubled per attempt, at most 5 s (default 250 ms). */
  delayMs: number;
}

/**
 * A node restart, a rolling upgrade or an election with DNS/gossip can take longer than any fixed
 * number of attempts, and a subscriber that gets an error makes every later query fail (the store
 * bridge's promise), so transient failures are retried for as long as they last (as Emmett's
 * resubscription does, `forever: true`); /health shows the index is not live meanwhile.
 */
export const DEFAULT_RESUBSCRIBE: ResubscribePolicy = { attempts: Number.POSITIVE_INFINITY, delayMs: 250 };

/**
 * The port's subscription over `subscribeToAll`: exclusive start (omitted = the live end), filtered
 * on the server as far as it can be and on the client for the rest, `caught-up` once the server says
 * so. Catch-up and live are one server-side cursor, so the switch has no gap and no duplicate. When a
 * node goes away or the leader changes the subscription is reopened after the last position it
 * delivered (or passed, per checkpoint), which keeps that promise across reconnects.
 */
export const kurrentSubscribe =
  (
    client: SubscribeClient,
    names: StreamNames,
    register: (following: () => Promise<void>) => () => void,
    policy: ResubscribePolicy = DEFAULT_RESUBSCRIBE,
    supported?: () => Promise<void>,
  ) =>
  (options: SubscribeOptions = {}): Observable<SubscriptionMessage> =>
    new Observable<SubscriptionMessage>((subscriber) => {
      const { filter } = options;
      const serverFilter = serverFilterFor(names, filter);
      let last: bigint | undefined = options.fromPosition;
      let passed: bigint | undefined;
      let caughtUp = false;
      let closed = false;
      let failures = 0;
      let current: Following | undefined;
      let retry: NodeJS.Timeout | undefined;

      const resumeFrom = (): bigint | undefined => (last === undefined ? passed : passed === undefined ? last : maxPosition(last, passed));

      const open = (): void => {
        current = followAll(client, startAfter(resumeFrom(), END), serverFilter, {
          event: (resolved: AllStreamResolvedEvent) => {
            const recorded = resolved.event;
            if (!recorded || !names.isEventStream(recorded.streamId)) return;
            const position = recorded.position.commit;
            if (last !== undefined && position <= last) return;
            failures = 0;
            if (isForeignRecord(recorded)) return void (passed = passed === undefined ? position : maxPosition(passed, position));
            let event;
            try {
              event = decodeRecorded(recorded).event;
            } catch (error) {
              return fail(error);
            }
            if (!names.holds(recorded.streamId, event.negotiation)) return;
            last = position;
            if (matchesFilter(event, filter)) subscriber.next({ kind: 'event', event });
          },
          caughtUp: () => {
            failures = 0;
            if (caughtUp) return;
            caughtUp = true;
            subscriber.next({ kind: 'caught-up', position: resumeFrom() ?? 0n });
          },
          checkpoint: (position) => {
            passed = passed === undefined ? position : maxPosition(passed, position);
          },
          error: (error) => {
            const following = current;
            current = undefined;
            void following?.stop();
            if (closed) return;
            if (!isTransient(error) || ++failures > policy.attempts) return fail(translateReadError(error, resumeFrom()));
            retry = setTimeout(open, backoffMs(policy.delayMs, failures));
          },
        });
      };

      const fail = (error: unknown): void => {
        void stop();
        subscriber.error(error);
      };
      const stop = async (): Promise<void> => {
        closed = true;
        if (retry) clearTimeout(retry);
        const following = current;
        current = undefined;
        await following?.stop();
      };

      if (!supported) open();
      else
        supported().then(() => {
          if (!closed) open();
        }, fail);
      const unregister = register(stop);
      return () => {
        unregister();
        void stop();
      };
    });
