import { END, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { Observable } from 'rxjs';
import { matchesFilter, SubscribeOptions, SubscriptionMessage } from '../event-store.port';
import { decodeRecorded } from './event-encoding';
import { followAll, Following, SubscribeClient } from './follow-all';
import { maxPosition, startAfter } from './positions';
import { serverFilterFor } from './server-filter';
import { StreamNames } from './stream-names';
import { isTransient } from './translate-error';

export interface ResubscribePolicy {
  /** Consecutive failed attempts before the subscriber gets the error (default 8). */
  attempts: number;
  /** First delay; doubled per attempt, at most 5 s (default 250 ms). */
  delayMs: number;
}

export const DEFAULT_RESUBSCRIBE: ResubscribePolicy = { attempts: 8, delayMs: 250 };

/**
 * The port's subscription over `subscribeToAll`: exclusive start (omitted = the live end), filtered
 * on the server as far as it can be and on the client for the rest, `caught-up` once the server says
 * so. Catch-up and live are one server-side cursor, so the switch has no gap and no duplicate. When a
 * node goes away or the leader changes the subscription is reopened after the last position it
 * delivered (or passed, per checkpoint), which keeps that promise across reconnects.
 */
export const kurrentSubscribe =
  (client: SubscribeClient, names: StreamNames, register: (following: () => Promise<void>) => () => void, policy: ResubscribePolicy = DEFAULT_RESUBSCRIBE) =>
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
            if (!isTransient(error) || ++failures > policy.attempts) return fail(error);
            retry = setTimeout(open, Math.min(policy.delayMs * 2 ** (failures - 1), 5_000));
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

      open();
      const unregister = register(stop);
      return () => {
        unregister();
        void stop();
      };
    });
