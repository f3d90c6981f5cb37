import { Module } from '@nestjs/common';
import { RecordEventsHandler } from './record-events.handler';

@Module({ providers: [RecordEventsHandler] })
export class CommandsModule {}
