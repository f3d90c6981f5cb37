import { Inject, Injectable, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SseStream } from './sse-stream';
import { SUBSCRIPTION_LIMITS, SubscriptionLimits } from './subscription-limits';

/**
 * Every open stream of this server. On shutdown (app.close()) each gets a final `shutdown`
 * message with the position to resume from and is ended, before the HTTP server closes, so open
 * streams never hold the process up.
 */
@Injectable()
export class OpenStreams implements OnModuleDestroy {
  private readonly streams = new Set<SseStream>();
  private readonly names = new Set<string>();
  private closing = false;

  constructor(@Inject(SUBSCRIPTION_LIMITS) private readonly limits: SubscriptionLimits) {}

  get size(): number {
    return this.streams.size;
  }

  /** Whether a named subscription of this name is open now. */
  holdsName(name: string): boolean {
    return this.names.has(name);
  }

  /** Holds a name for one connection until the returned release is called (idempotent). */
  reserveName(name: string): () => void {
    this.names.add(name);
    let held = true;
    return () => {
      if (held) this.names.delete(name);
      held = false;
    };
  }

  open(reply: FastifyReply, startAfter: bigint): SseStream {
    if (this.closing) throw new ServiceUnavailableException('the server is shutting down');
    const stream = SseStream.open(reply, this.limits, startAfter);
    this.streams.add(stream);
    stream.onEnd(() => void this.streams.delete(stream));
    return stream;
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await Promise.all(
      [...this.streams].map((stream) =>
        stream.end(
          { event: 'shutdown', data: { reason: 'the server is shutting down', resumeFrom: stream.delivery.lastDelivered } },
          this.limits.shutdownGraceMs,
        ),
      ),
    );
  }
}
