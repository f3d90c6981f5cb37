import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { toJson } from '../http/json';
import { BoundedDelivery, Overflow } from './bounded-delivery';
import { sseComment, sseMessage, SseMessage, sseRetry } from './sse-format';
import { SubscriptionLimits } from './subscription-limits';

const HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // nginx and similar proxies would otherwise buffer the stream.
  'x-accel-buffering': 'no',
};

export interface FinalMessage {
  event: string;
  data: Record<string, unknown>;
}

/**
 * One Server-Sent Events response written by hand on Fastify's raw response (the reply is
 * hijacked), so that back-pressure can see the socket: messages go through a BoundedDelivery,
 * heartbeats keep idle connections open, and the stream ends with a final message saying why
 * (overflow, shutdown, error) before the response is ended; a socket that cannot flush it within
 * the grace period is destroyed.
 */
export class SseStream {
  readonly delivery: BoundedDelivery;
  private readonly cleanups: (() => void | Promise<void>)[] = [];
  private readonly heartbeat: NodeJS.Timeout;
  private ended: Promise<void> | undefined;
  private readonly graceTimers: NodeJS.Timeout[] = [];
  private readonly onDeliveredHooks: ((position: bigint) => void)[] = [];

  private constructor(
    private readonly res: ServerResponse,
    private readonly limits: SubscriptionLimits,
    startAfter: bigint,
  ) {
    this.delivery = new BoundedDelivery(res, limits, startAfter, {
      onDelivered: (position) => this.onDeliveredHooks.forEach((hook) => hook(position)),
      onOverflow: (overflow) => void this.end(overflowMessage(overflow), limits.closeGraceMs),
    });
    res.on('close', () => void this.end(undefined, 0));
    res.on('error', () => void this.end(undefined, 0));
    this.heartbeat = setInterval(() => {
      if (this.delivery.idle) this.delivery.push(sseComment('heartbeat'));
    }, limits.heartbeatMs);
    this.heartbeat.unref();
    // The client may have gone while the request was being resolved: its 'close' has passed already.
    if (res.destroyed || !res.socket || res.socket.destroyed) void this.end(undefined, 0);
  }

  /** Takes the response over from Fastify and sends the SSE headers at once. */
  static open(reply: FastifyReply, limits: SubscriptionLimits, startAfter: bigint): SseStream {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, HEADERS);
    res.write(sseRetry(1_000));
    return new SseStream(res, limits, startAfter);
  }

  get isEnded(): boolean {
    return this.ended !== undefined;
  }

  /** Live message: never waits; false once the stream is over. */
  send(message: SseMessage, position?: bigint): boolean {
    return this.delivery.push(sseMessage(message), position);
  }

  comment(text: string): void {
    this.delivery.push(sseComment(text));
  }

  /** Called with each position handed to the socket (for checkpoints). */
  onDelivered(hook: (position: bigint) => void): void {
    this.onDeliveredHooks.push(hook);
  }

  /** Runs once the stream is over, whatever ended it (unsubscribe, store the checkpoint…). */
  onEnd(cleanup: () => void | Promise<void>): void {
    if (this.ended) void Promise.resolve().then(cleanup);
    else this.cleanups.push(cleanup);
  }

  /** Ends the stream, with a final message when the client is still there; resolves once cleaned up. */
  end(final: FinalMessage | undefined, graceMs: number): Promise<void> {
    if (this.ended) {
      if (!this.res.destroyed) this.destroyAfter(graceMs);
      return this.ended;
    }
    clearInterval(this.heartbeat);
    this.delivery.stop();
    if (!this.res.writableEnded && !this.res.destroyed) {
      if (final) this.res.write(sseMessage({ event: final.event, data: toJson(final.data) }));
      this.res.end();
    }
    if (!this.res.destroyed) this.destroyAfter(graceMs);
    this.ended = this.runCleanups();
    return this.ended;
  }

  /** Ends the stream because something failed on our side. */
  fail(error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    return this.end({ event: 'error', data: { reason: `stream failed: ${message}`, resumeFrom: this.delivery.lastDelivered } }, this.limits.closeGraceMs);
  }

  private destroyAfter(graceMs: number): void {
    if (this.res.writableFinished || this.res.destroyed) return;
    const timer = setTimeout(() => this.res.destroy(), graceMs);
    timer.unref();
    this.graceTimers.push(timer);
    const clear = (): void => this.graceTimers.forEach(clearTimeout);
    this.res.once('finish', clear);
    this.res.once('close', clear);
  }

  private async runCleanups(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) {
      try {
        await cleanup();
      } catch {
        // a failing cleanup must not keep the others (or shutdown) from running
      }
    }
  }
}

const overflowMessage = ({ reason, resumeFrom }: Overflow): FinalMessage => ({
  event: 'overflow',
  data: { reason: `${reason}; reconnect with Last-Event-ID or fromPosition ${resumeFrom}`, resumeFrom },
});
