/**
 * Server-Sent Events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * `id:`, `event:` and one `data:` line per line of the payload, ended by a blank line.
 */
export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

const oneLine = (field: string, value: string): string => {
  if (/[\r\n]/.test(value)) throw new Error(`SSE ${field} must be a single line`);
  return value;
};

export const sseMessage = ({ id, event, data }: SseMessage): string =>
  (id === undefined ? '' : `id: ${oneLine('id', id)}\n`) +
  (event === undefined ? '' : `event: ${oneLine('event', event)}\n`) +
  data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('') +
  '\n';

/** A comment line: ignored by clients, but it keeps the connection visibly alive. */
export const sseComment = (text: string): string => `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;

/** Tells EventSource clients how long to wait before reconnecting. */
export const sseRetry = (ms: number): string => `retry: ${ms}\n\n`;
