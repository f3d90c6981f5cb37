import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Clock, CLOCK, systemClock } from '../clock/clock';
import { PARLEY_CONFIG, ParleyConfig } from '../config/parley-config';
import { createEventStore } from './create-event-store';
import { EVENT_STORE, EventStore } from './event-store.port';

class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({})
export class StoreModule {
  static forRoot(config: ParleyConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        { provide: PARLEY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: EVENT_STORE, useFactory: (c: Clock) => createEventStore(config.store, c), inject: [CLOCK] },
        StoreLifecycle,
      ],
      exports: [PARLEY_CONFIG, CLOCK, EVENT_STORE],
    };
  }
}
