import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, CLOCK } from '../clock/clock';
import { PARLEY_CONFIG, ParleyConfig } from '../config/parley-config';

/** What every feature may inject: the validated configuration and the clock (time is never `new Date()`). */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: ParleyConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: PARLEY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [PARLEY_CONFIG, CLOCK],
    };
  }
}
