import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiErrorFilter } from './api-error.filter';
import { DeadlinesController } from './controllers/deadlines.controller';
import { EventsController } from './controllers/events.controller';
import { HealthController } from './controllers/health.controller';
import { MeasuresController } from './controllers/measures.controller';
import { NegotiationsController } from './controllers/negotiations.controller';
import { WriteAuthGuard } from './write-auth.guard';
import { QueriesModule } from '../queries/queries.module';
import { ExtractModule } from '../extract/extract.module';

@Module({
  imports: [QueriesModule, ExtractModule],
  controllers: [EventsController, NegotiationsController, MeasuresController, HealthController, DeadlinesController],
  providers: [WriteAuthGuard, { provide: APP_FILTER, useClass: ApiErrorFilter }],
})
export class HttpModule {}
