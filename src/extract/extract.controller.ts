import { Body, Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { isoDay } from '../../events';
import { Clock, CLOCK } from '../clock/clock';
import { NO_QUERY, parseQuery } from '../http/parse-query';
import { extractDrafts } from './extract-drafts';
import { extractRequestSchema } from './extract-request';

/** POST /extract: drafts from an article; nothing is recorded (accepted drafts go to POST /events). */
@Controller('extract')
export class ExtractController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Post()
  @HttpCode(200)
  extract(@Body() body: unknown, @Query() query: unknown) {
    parseQuery(NO_QUERY, query);
    const request = extractRequestSchema.parse(body);
    return extractDrafts(request.text, { ...request, today: isoDay(this.clock.now()) });
  }
}
