import { Module } from '@nestjs/common';
import { ExtractController } from './extract.controller';

/** The HTTP shell around the pure extraction engine. */
@Module({ controllers: [ExtractController] })
export class ExtractModule {}
