import { Client } from 'pg';
import { Observable, Subject } from 'rxjs';
import { PostgresLocation, connectionConfig } from './connection';
import { channelOf } from './schema';

export interface CommitListener {
  /** Resolves once LISTEN is in effect (connecting first if needed): any commit after that wakes us up. */
  listening(): Promise<void>;
  /** A wake-up per notification and after every reconnect (notifications sent meanwhile are lost). */
  readonly wakeUps$: Observable<void>;
  state(): { listening: boolean; reconnects: number; lastError?: string };
  close(): Promise<void>;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * LISTEN on a dedicated connection (never a pooled one, whose session another query may reuse, and
 * never through a transaction-mode pooler). A notification only says "something committed": the
 * live tail re-reads the log from its position, so a lost or coalesced notification costs latency,
 * never an event. A dropped connection is re-established with capped backoff, and a wake-up after
 * the new LISTEN makes the tail re-read what it may have missed.
 */
export const createCommitListener = (location: PostgresLocation): CommitListener => {
  const wakeUps = new Subject<void>();
  const channel = channelOf(location.schema);
  let client: Client | undefined;
  let current: Promise<void> | undefined;
  let isListening = false;
  let reconnects = 0;
  let lastError: string | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client(connectionConfig(location));
    next.on('notification', () => wakeUps.next());
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('connection ended')));
    await next.connect();
    await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    isListening = true;
    lastError = undefined;
  };

  const lost = (which: Client, error: Error): void => {
    if (which !== client || closed) return;
    client = undefined;
    isListening = false;
    lastError = error.message;
    void which.end().catch(() => undefined);
    current = reconnect(100);
  };

  const reconnect = (delay: number): Promise<void> =>
    new Promise<void>((resolve) => {
      retry = setTimeout(() => {
        if (closed) return resolve();
        connect().then(
          () => {
            reconnects++;
            wakeUps.next();
            resolve();
          },
          (error: Error) => {
            lastError = error.message;
            resolve(reconnect(Math.min(delay * 2, MAX_BACKOFF_MS)));
          },
        );
      }, delay);
    });

  return {
    listening: () => (current ??= connect().catch((error: Error) => {
      // The first connection failed: report it to this caller, and let the next caller try again.
      current = undefined;
      lastError = error.message;
      throw error;
    })),
    wakeUps$: wakeUps.asObservable(),
    state: () => ({ listening: isListening, reconnects, ...(lastError ? { lastError } : {}) }),
    close: async () => {
      closed = true;
      clearTimeout(retry);
      wakeUps.complete();
      await client?.end().catch(() => undefined);
    },
  };
};
