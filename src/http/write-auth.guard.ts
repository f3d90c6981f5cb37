import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { PARLEY_CONFIG, ParleyConfig } from '../config/parley-config';

/** Writes need `Authorization: Bearer $PARLEY_API_TOKEN` when a token is configured; reads stay open. */
@Injectable()
export class WriteAuthGuard implements CanActivate {
  constructor(@Inject(PARLEY_CONFIG) private readonly config: ParleyConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = this.config.apiToken;
    if (!token) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
    const expected = Buffer.from(token);
    if (!/^Bearer\s+/i.test(header) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedException('writes require Authorization: Bearer <PARLEY_API_TOKEN>');
    }
    return true;
  }
}
