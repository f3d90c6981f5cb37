import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { StoreEventBridge } from '../../queries/store-event-bridge';
import { EVENT_STORE, EventStore } from '../../store/event-store.port';

/** Liveness for load balancers: the store's kind, reachability, writability and head, and how far the projections lag behind it. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly bridge: StoreEventBridge,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) reply?: FastifyReply) {
    const health = await this.store.health?.();
    if (health?.connected === false) {
      reply?.status(503);
      return { status: 'unavailable', store: { kind: this.store.kind, ...health } };
    }
    const headPosition = await this.store.headPosition();
    const published = this.bridge.publishedPosition;
    // Reachable but unable to record (read-only file, full disk): not healthy for a service that takes writes.
    if (health?.writable === false) reply?.status(503);
    return {
      status: health?.writable === false ? 'degraded' : 'ok',
      store: { kind: this.store.kind, headPosition, ...health },
      projections: { position: published, lag: headPosition > published ? headPosition - published : 0n },
    };
  }
}
