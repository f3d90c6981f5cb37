/**
 * A live Server-Sent Events stream through the browser's EventSource, kept open: EventSource
 * reconnects by itself after a dropped connection (sending Last-Event-ID, so the server resumes
 * after the last event seen); when it gives up (an HTTP error, the server gone), the stream is
 * reopened after a backoff with the last seen id in the URL.
 */

export type LiveStatus = 'connecting' | 'open' | 'reconnecting';

export interface LiveStreamOptions {
  /** The stream's URL, resuming after `lastEventId` when there is one. */
  url: (lastEventId: string | undefined) => string;
  /** The `event:` names to listen for (plus unnamed "message" events). */
  events: readonly string[];
  onMessage: (event: { type: string; data: string; lastEventId: string }) => void;
  onStatus?: (status: LiveStatus) => void;
  /** The id to resume after from the start (e.g. the store's head when the page loaded). */
  lastEventId?: string;
}

export interface LiveStream {
  close(): void;
}

const MAX_BACKOFF_MS = 10_000;

export const openLiveStream = (options: LiveStreamOptions): LiveStream => {
  let lastEventId = options.lastEventId;
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let backoff = 500;
  let closed = false;

  const receive = (message: MessageEvent<string>) => {
    if (message.lastEventId) lastEventId = message.lastEventId;
    backoff = 500;
    options.onMessage({ type: message.type, data: message.data, lastEventId: message.lastEventId });
  };

  const connect = () => {
    if (closed) return;
    options.onStatus?.('connecting');
    const current = new EventSource(options.url(lastEventId));
    source = current;
    current.onopen = () => {
      backoff = 500;
      options.onStatus?.('open');
    };
    current.onmessage = receive;
    for (const name of options.events) current.addEventListener(name, receive as EventListener);
    current.onerror = () => {
      if (closed || source !== current) return;
      options.onStatus?.('reconnecting');
      if (current.readyState !== EventSource.CLOSED) return; // the browser retries with Last-Event-ID
      current.close();
      retry = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  };

  connect();
  return {
    close() {
      closed = true;
      if (retry !== undefined) clearTimeout(retry);
      source?.close();
    },
  };
};
