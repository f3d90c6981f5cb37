/** What a delivery writes to: a socket, an HTTP response, stdout (any Writable fits). */
export interface DeliveryTarget {
  write(chunk: string): boolean;
  on(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
}

export interface DeliveryLimits {
  maxQueuedEvents: number;
  maxQueuedBytes: number;
}

export interface Overflow {
  reason: string;
  /** The last position handed to the target: the consumer has everything up to here, nothing after. */
  resumeFrom: bigint;
}

export interface DeliveryHooks {
  /** A message carrying this position has been handed to the target. */
  onDelivered?(position: bigint): void;
  /** The queue went past its bound; the delivery has stopped and dropped what was queued. */
  onOverflow(overflow: Overflow): void;
}

/**
 * Back-pressure for one consumer. Messages go straight to the target while it accepts them
 * (`write()` returns true); once it reports a full buffer they wait in a bounded queue until
 * 'drain'. A producer never waits on a consumer: `push` returns at once, and a consumer whose
 * queue outgrows the bound is stopped (the producer is told through `onOverflow`). A producer
 * that can wait (a catch-up read) paces itself with `whenIdle()` instead, so a large backlog is
 * never mistaken for a slow consumer.
 */
export class BoundedDelivery {
  private readonly queue: { chunk: string; position?: bigint }[] = [];
  private queuedBytes = 0;
  private waitingForDrain = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private delivered: bigint;

  constructor(
    private readonly target: DeliveryTarget,
    private readonly limits: DeliveryLimits,
    startAfter: bigint,
    private readonly hooks: DeliveryHooks,
  ) {
    this.delivered = startAfter;
    target.on('drain', this.onDrain);
  }

  /** Position of the last message handed to the target (the start position before any). */
  get lastDelivered(): bigint {
    return this.delivered;
  }

  /** Nothing queued and the target accepts more. */
  get idle(): boolean {
    return !this.waitingForDrain && this.queue.length === 0;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Delivers or queues a message; never waits. False once the delivery has stopped. */
  push(chunk: string, position?: bigint): boolean {
    if (this.stopped) return false;
    if (this.idle) {
      this.writeNow(chunk, position);
      return true;
    }
    this.queue.push({ chunk, position });
    this.queuedBytes += Buffer.byteLength(chunk);
    if (this.queue.length > this.limits.maxQueuedEvents || this.queuedBytes > this.limits.maxQueuedBytes) {
      this.overflow();
      return false;
    }
    return true;
  }

  /** Resolves once the target has taken everything (or the delivery stopped): for producers that can wait. */
  whenIdle(): Promise<void> {
    if (this.idle || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops delivering and drops the queue; what was already written stays written. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.target.removeListener('drain', this.onDrain);
    this.wakeIdleWaiters();
  }

  private writeNow(chunk: string, position: bigint | undefined): void {
    if (!this.target.write(chunk)) this.waitingForDrain = true;
    if (position !== undefined) {
      this.delivered = position;
      this.hooks.onDelivered?.(position);
    }
  }

  private readonly onDrain = (): void => {
    this.waitingForDrain = false;
    while (!this.stopped && !this.waitingForDrain && this.queue.length > 0) {
      const { chunk, position } = this.queue.shift()!;
      this.queuedBytes -= Buffer.byteLength(chunk);
      this.writeNow(chunk, position);
    }
    if (this.idle) this.wakeIdleWaiters();
  };

  private overflow(): void {
    const queued = this.queue.length;
    const bytes = this.queuedBytes;
    this.stop();
    this.hooks.onOverflow({
      reason:
        `consumer too slow: ${queued} messages (${bytes} bytes) waiting for the connection exceed the limit ` +
        `of ${this.limits.maxQueuedEvents} messages or ${this.limits.maxQueuedBytes} bytes`,
      resumeFrom: this.delivered,
    });
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((wake) => wake());
  }
}
