import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../../store/event-store.port';

@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async health() {
    const health = await this.store.health?.();
    const headPosition = health?.connected === false ? undefined : await this.store.headPosition();
    return { status: health?.connected === false ? 'unavailable' : 'ok', store: { kind: this.store.kind, headPosition, ...health } };
  }
}
