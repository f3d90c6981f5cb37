import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Clock, CLOCK } from '../clock/clock';
import { PARLEY_CONFIG, ParleyConfig } from '../config/parley-config';
import { createEventStore } from './create-event-store';
import { EVENT_STORE, EventStore } from './event-store.port';

class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The event store the configuration names, closed when the application shuts down. */
@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, useFactory: (config: ParleyConfig, clock: Clock) => createEventStore(config.store, clock), inject: [PARLEY_CONFIG, CLOCK] },
    StoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class StoreModule {}
