import { ClientRequest, IncomingMessage, request } from 'node:http';

/** One dispatched SSE message (per the WHATWG parsing rules: `event` defaults to "message"). */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * A small Server-Sent Events client over node:http for tests: parses `id`/`event`/`data` and
 * comments as they stream in, can stall (stop reading the socket) and resume, and waits for
 * conditions with a timeout (never asserting on elapsed time).
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  /** The id of the last event received (what EventSource would send as Last-Event-ID). */
  lastEventId: string | undefined;
  /** Resolves when the response ends or the connection closes. */
  readonly closed: Promise<void>;
  private ended = false;
  private buffer = '';
  private pending: Partial<Omit<SseEvent, 'data'>> & { data?: string[] } = {};
  private readonly checks = new Set<() => void>();
  private markClosed!: () => void;

  private constructor(
    private readonly req: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.parse(chunk));
    const close = (): void => {
      if (this.ended) return;
      this.ended = true;
      this.markClosed();
      this.runChecks();
    };
    response.on('end', close);
    response.on('close', close);
    response.on('error', close);
    req.on('error', close);
  }

  /** Opens a stream; resolves once the response headers are in (any status). */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (response) =>
        resolve(new SseClient(req, response)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** Events other than the control messages (overflow, shutdown, error). */
  get dataEvents(): SseEvent[] {
    return this.events.filter((e) => e.id !== undefined);
  }

  /** The whole body, for non-SSE answers (errors). */
  async body(): Promise<string> {
    await this.closed;
    return this.buffer;
  }

  /** Stops reading: the server's writes back up in the socket buffers. */
  stall(): void {
    this.response.pause();
  }

  resume(): void {
    this.response.resume();
  }

  /** Drops the connection, as a client that goes away. */
  close(): void {
    this.req.destroy();
  }

  /** Waits until the condition holds; fails after the timeout, naming what was awaited. */
  waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (condition()) done(undefined);
        else if (this.ended) done(new Error(`stream closed while waiting for ${what} (${this.events.length} events received)`));
      };
      const timer = setTimeout(() => done(new Error(`timed out waiting for ${what} (${this.events.length} events received)`)), timeoutMs);
      const done = (error: Error | undefined): void => {
        clearTimeout(timer);
        this.checks.delete(check);
        if (error) reject(error);
        else resolve();
      };
      this.checks.add(check);
    });
  }

  waitForComment(prefix: string, timeoutMs?: number): Promise<void> {
    return this.waitFor(() => this.comments.some((c) => c.startsWith(prefix)), `a ": ${prefix}" comment`, timeoutMs);
  }

  private parse(chunk: string): void {
    if (this.status !== 200) {
      this.buffer += chunk;
      return;
    }
    this.buffer += chunk;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.line(line);
    this.runChecks();
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') (this.pending.data ??= []).push(value);
    else if (field === 'event') this.pending.event = value;
    else if (field === 'id') this.pending.id = value;
  }

  private dispatch(): void {
    const { id, event, data } = this.pending;
    this.pending = {};
    if (data === undefined) return; // e.g. a lone `retry:`
    if (id !== undefined) this.lastEventId = id;
    this.events.push({ id, event: event ?? 'message', data: data.join('\n') });
  }

  private runChecks(): void {
    for (const check of [...this.checks]) check();
  }
}
