import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { Subscription } from 'rxjs';
import { StoredEvent } from '../../events';
import { EVENT_STORE, EventStore } from '../store/event-store.port';
import { EventsRecorded } from './events-recorded.event';

/**
 * Feeds Nest's in-memory EventBus from the store's subscription rather than from the command
 * handler, so events appended by other processes reach the projections too. Queries wait until
 * the bridge has passed the store's head, which gives read-your-writes without polling.
 */
@Injectable()
export class StoreEventBridge implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StoreEventBridge.name);
  private subscription?: Subscription;
  private position = -1n;
  private waiters: { position: bigint; resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** Once the subscription has failed, answers from the caches could be stale: queries fail instead of waiting forever. */
  private failure?: unknown;
  /** Events delivered in this run of the subscription, published together once it ends. */
  private run: StoredEvent[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly eventBus: EventBus,
  ) {}

  async onModuleInit(): Promise<void> {
    const start = await this.store.headPosition();
    this.position = start;
    this.subscription = this.store.subscribe({ fromPosition: start }).subscribe({
      next: (message) => {
        if (message.kind === 'event' && this.run.push(message.event) === 1) queueMicrotask(() => this.publishRun());
      },
      error: (error: unknown) => {
        this.logger.error(`store subscription failed: ${String(error)}`);
        this.failure = error;
        this.waiters.splice(0).forEach((w) => w.reject(error));
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.waiters.forEach((w) => w.resolve());
    this.waiters = [];
  }

  /** The position of the last event published on the EventBus. */
  get publishedPosition(): bigint {
    return this.position;
  }

  /** Resolves once every event up to the store's current head has been published. */
  async caughtUp(): Promise<void> {
    this.assertFollowing();
    const head = await this.store.headPosition();
    if (head <= this.position) return;
    this.assertFollowing();
    await new Promise<void>((resolve, reject) => this.waiters.push({ position: head, resolve, reject }));
  }

  private assertFollowing(): void {
    if (this.failure !== undefined) throw new Error(`projections stopped following the store: ${String(this.failure)}`);
  }

  private publishRun(): void {
    const events = this.run;
    this.run = [];
    this.eventBus.publish(new EventsRecorded(events));
    this.advance(events[events.length - 1].position);
  }

  private advance(position: bigint): void {
    this.position = position;
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    ready.forEach((w) => w.resolve());
  }
}
