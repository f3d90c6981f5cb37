import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { isoDay } from '../../events';
import { Clock, CLOCK } from '../clock/clock';
import { extractDrafts } from './extract-drafts';
import { extractRequestSchema } from './extract-request';

/** POST /extract: drafts from an article; nothing is recorded (accepted drafts go to POST /events). */
@Controller('extract')
export class ExtractController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Post()
  @HttpCode(200)
  extract(@Body() body: unknown) {
    const request = extractRequestSchema.parse(body);
    return extractDrafts(request.text, { ...request, today: isoDay(this.clock.now()) });
  }
}
