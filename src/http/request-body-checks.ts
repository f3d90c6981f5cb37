import type { FastifyRequest } from 'fastify';
import { ParleyError } from '../../events';

/** A body this server cannot read as sent: compressed, or in a character set other than UTF-8. */
export class UnsupportedBodyError extends ParleyError {
  readonly code = 'unsupported_media_type';
  readonly status = 415;
}

/**
 * Bodies are read as UTF-8 text as they arrive: a compressed body, or one declared in another
 * charset, is refused by name instead of being misread as broken UTF-8 or JSON (RFC 8259: JSON is UTF-8).
 */
export const unreadableBody = (request: FastifyRequest): UnsupportedBodyError | undefined => {
  const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    return new UnsupportedBodyError(`Content-Encoding "${encoding}" is not supported: send the body uncompressed`);
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(String(request.headers['content-type'] ?? ''))?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    return new UnsupportedBodyError(`charset "${charset}" is not supported: send the body as UTF-8 (charset=utf-8, or no charset)`);
  }
  return undefined;
};

/** A hint for a body refused as JSON that is several JSON documents, one per line. */
export const ndjsonHint = (text: string): string => {
  const firstLine = text.trimStart().split('\n', 1)[0];
  try {
    JSON.parse(firstLine);
    return firstLine.length < text.trim().length ? ' (one event per line is NDJSON: send it as application/x-ndjson)' : '';
  } catch {
    return '';
  }
};
