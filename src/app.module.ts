import { DynamicModule, Module, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Clock, systemClock } from './clock/clock';
import { CommandsModule } from './commands/commands.module';
import { CoreModule } from './core/core.module';
import { ParleyConfig } from './config/parley-config';
import { QueriesModule } from './queries/queries.module';
import { StoreModule } from './store/store.module';

export interface AppOptions {
  clock?: Clock;
  /** Feature modules on top of the core (HTTP, subscriptions…), chosen by the entry point. */
  features?: Type[];
}

@Module({})
export class AppModule {
  static forRoot(config: ParleyConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        CoreModule.forRoot(config, options.clock ?? systemClock),
        StoreModule,
        CommandsModule,
        QueriesModule,
        ...(options.features ?? []),
      ],
    };
  }
}
