import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '../clock/clock';
import { PARLEY_CONFIG, ParleyConfig } from '../config/parley-config';
import { EVENT_STORE, EventStore } from '../store/event-store.port';
import { EventsRecorded } from '../queries/events-recorded.event';
import { HistoryCache } from '../queries/history-cache';
import { deadlineAlerts } from './deadline-alerts';
import { WEBHOOK_REGISTRY } from './webhook-registry.provider';
import { WebhookRegistry } from './webhook-registry';
import { WebhookWorker, WorkerDeps } from './webhook-worker';

/**
 * Runs one worker per registered webhook inside the server. Every recorded event wakes them; the
 * registry is re-read every second (a webhook added by the CLI in another process starts then),
 * and deadline alerts are checked on each tick against the injected clock.
 */
@Injectable()
@EventsHandler(EventsRecorded)
export class WebhookDispatcher implements IEventHandler<EventsRecorded>, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly workers = new Map<string, WebhookWorker>();
  private timer: NodeJS.Timeout | undefined;
  private lastDeadlineCheck = 0;
  private syncing: Promise<void> = Promise.resolve();
  private readonly deps: WorkerDeps;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(WEBHOOK_REGISTRY) private readonly registry: WebhookRegistry,
    @Inject(PARLEY_CONFIG) private readonly config: ParleyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    cache: HistoryCache,
  ) {
    const { webhooks } = config;
    this.deps = {
      store, registry, clock,
      historyOf: (slice) => cache.history(slice),
      policy: { maxAttempts: webhooks.maxAttempts, backoffMs: webhooks.backoffMs, maxBackoffMs: webhooks.maxBackoffMs, timeoutMs: webhooks.timeoutMs },
    };
  }

  onApplicationBootstrap(): void {
    if (!this.config.webhooks.enabled) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.config.webhooks.registryPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.syncing;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
    // The registry is closed here, after the last worker has written its cursor.
    this.registry.close();
  }

  handle(): void {
    this.wakeAll();
  }

  /** Every worker looks again (new events, or a cursor moved by a replay). */
  wakeAll(): void {
    for (const worker of this.workers.values()) worker.wake();
  }

  /** Starts workers for new webhooks, stops removed ones, and sends the deadline alerts now due. */
  tick(): Promise<void> {
    this.syncing = this.syncing.then(async () => {
      const registered = this.registry.list();
      const ids = new Set(registered.map((w) => w.id));
      for (const [id, worker] of this.workers) if (!ids.has(id)) { this.workers.delete(id); await worker.stop(); }
      for (const webhook of registered) {
        if (this.workers.has(webhook.id)) continue;
        const worker = new WebhookWorker(webhook, this.deps);
        this.workers.set(webhook.id, worker);
        worker.start();
      }
      const now = this.clock.now().getTime();
      if (now - this.lastDeadlineCheck >= this.config.webhooks.deadlineCheckMs) {
        this.lastDeadlineCheck = now;
        await deadlineAlerts(registered, this.workers, this.deps);
      }
    }).catch(() => undefined);
    return this.syncing;
  }
}
