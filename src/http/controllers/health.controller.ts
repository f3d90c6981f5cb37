import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../../store/event-store.port';

@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async health() {
    return { status: 'ok', store: { kind: this.store.kind, headPosition: await this.store.headPosition() } };
  }
}
