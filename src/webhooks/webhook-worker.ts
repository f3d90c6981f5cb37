import { Logger } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { EventStore } from '../store/event-store.port';
import { HistoryOf, deliveriesFor, storeFilterOf } from './webhook-matcher';
import { backoffDelay, Delivery, deliveryBody, postDelivery } from './webhook-delivery';
import { Webhook, WebhookRegistry } from './webhook-registry';

export interface DeliveryPolicy {
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
}

export interface WorkerDeps {
  store: EventStore;
  registry: WebhookRegistry;
  historyOf: HistoryOf;
  clock: Clock;
  policy: DeliveryPolicy;
}

const READ_CHUNK = 200;

/**
 * One webhook's delivery loop. Events are taken in store order after the durable cursor; each
 * event's deliveries go out one at a time, retried with back-off, and the cursor moves only once
 * they are delivered or dead-lettered. So delivery is at-least-once and in order per webhook, and
 * a slow receiver holds up nobody but its own webhook.
 */
export class WebhookWorker {
  private readonly logger = new Logger('Webhooks');
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly webhook: Webhook,
    private readonly deps: WorkerDeps,
  ) {}

  get id(): string {
    return this.webhook.id;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** New events may be there (or the clock moved): look again. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.running;
  }

  /** Sends deliveries that do not come from a stored event's position order (deadline alerts). */
  async deliverNow(delivery: Delivery): Promise<boolean> {
    return this.deliver(delivery);
  }

  private async loop(): Promise<void> {
    const filter = storeFilterOf(this.webhook.condition);
    while (!this.stopped) {
      this.woken = false;
      try {
        const progressed = filter ? await this.drain(filter) : false;
        if (!progressed && !this.woken) await this.pause(60_000);
      } catch (error) {
        this.logger.error(`webhook ${this.webhook.id}: ${(error as Error).message}`);
        await this.pause(this.deps.policy.maxBackoffMs);
      }
    }
  }

  /**
   * The cursor is read from the registry each time, and moved only from where it was read: a replay
   * written meanwhile (by the API or by the CLI in another process) wins, and the next drain starts there.
   */
  private async drain(filter: NonNullable<ReturnType<typeof storeFilterOf>>): Promise<boolean> {
    const stored = this.deps.registry.get(this.webhook.id);
    if (!stored) return false;
    let cursor = stored.cursor;
    let progressed = false;
    const done = new Set<string>();
    for await (const event of this.deps.store.readAll({ fromPosition: cursor, filter, limit: READ_CHUNK })) {
      for (const delivery of await deliveriesFor(this.webhook, event, this.deps.historyOf)) {
        if (done.has(delivery.id)) continue;
        if (!(await this.deliver(delivery))) return progressed;
        done.add(delivery.id);
      }
      if (!this.deps.registry.advanceCursor(this.webhook.id, cursor, event.position)) return true;
      cursor = event.position;
      progressed = true;
    }
    return progressed;
  }

  /** True once delivered or dead-lettered; false when stopped before either. */
  private async deliver(delivery: Delivery): Promise<boolean> {
    const { policy, clock, registry } = this.deps;
    let lastError = '';
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      if (this.stopped) return false;
      try {
        await postDelivery(this.webhook, delivery, Math.floor(clock.now().getTime() / 1000), policy.timeoutMs);
        return true;
      } catch (error) {
        lastError = (error as Error).message;
        if (attempt < policy.maxAttempts) await this.pause(backoffDelay(attempt, policy.backoffMs, policy.maxBackoffMs), { wakeable: false });
      }
    }
    registry.addDeadLetter({
      deliveryId: delivery.id, webhookId: delivery.webhookId, position: delivery.position, payload: deliveryBody(delivery),
      attempts: policy.maxAttempts, lastError, failedAt: clock.now().toISOString(),
    });
    this.logger.warn(`webhook ${this.webhook.id}: delivery ${delivery.id} dead-lettered after ${policy.maxAttempts} attempts (${lastError})`);
    return true;
  }

  private pause(ms: number, { wakeable = true } = {}): Promise<void> {
    if (this.stopped || (wakeable && this.woken)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = wakeable ? done : () => this.stopped && done();
    });
  }
}
