import { useEffect, useRef, useState } from 'preact/hooks';
import { api, StoredEvent, streamUrls } from '../api';
import type { LiveArrival } from '../components/live-panel';
import { LiveStatus, openLiveStream } from '../live';
import { EVENT_TYPES } from '../model';

const MAX_BACKOFF_MS = 10_000;

interface LiveOptions {
  /** A new event arrived (already parsed). */
  onEvent: (event: StoredEvent) => void;
  /** The stream is back after an interruption: what was recorded meanwhile may have been missed by the answers. */
  onResumed: () => void;
}

/**
 * The negotiation's events as they are recorded. The stream starts after the store's head at the
 * moment it opens; when the head cannot be read (the server is down), it is asked again with a
 * backoff until it answers, so live updates always come back, whatever was switched meanwhile.
 */
export const useLive = (negotiation: string | undefined, options: LiveOptions) => {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [arrivals, setArrivals] = useState<LiveArrival[]>([]);
  const handlers = useRef(options);
  handlers.current = options;

  useEffect(() => {
    if (!negotiation) return;
    let stream: { close(): void } | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    let interrupted = false;
    let backoff = 500;
    const controller = new AbortController();
    setStatus('connecting');

    const start = () => {
      api.headPosition(controller.signal).then(
        (head) => {
          if (cancelled) return;
          // Reopened after the head could not be read: the answers on screen may predate the outage.
          if (interrupted) handlers.current.onResumed();
          stream = openLiveStream({
            url: (last) => streamUrls.events(negotiation, last ?? head),
            events: EVENT_TYPES,
            lastEventId: head,
            onStatus: (next) => {
              setStatus(next);
              if (next === 'reconnecting') interrupted = true;
              if (next === 'open' && interrupted) {
                interrupted = false;
                handlers.current.onResumed();
              }
            },
            onMessage: ({ data, lastEventId }) => {
              let stored: StoredEvent;
              try {
                stored = JSON.parse(data) as StoredEvent;
              } catch {
                return;
              }
              setArrivals((current) => [{ event: stored, position: lastEventId, receivedAt: new Date().toISOString() }, ...current].slice(0, 6));
              handlers.current.onEvent(stored);
            },
          });
          interrupted = false;
        },
        () => {
          if (cancelled) return;
          interrupted = true;
          setStatus('reconnecting');
          retry = setTimeout(start, backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        },
      );
    };
    start();
    return () => {
      cancelled = true;
      controller.abort();
      clearTimeout(retry);
      stream?.close();
    };
  }, [negotiation]);

  return { status, arrivals };
};
