import type { FastifyInstance } from 'fastify';
import { loneSurrogateIn, loneSurrogateMessage, ParleyError } from '../../events';
import { loopSlices } from '../core/loop-slices';
import { ndjsonHint, unreadableBody } from './request-body-checks';
import { decodeUtf8InSlices, parseJsonInSlices } from './sliced-json';

/** A request body that is not JSON (or nests too deep to be an event). */
export class InvalidJsonError extends ParleyError {
  readonly code = 'invalid_json';
  readonly status = 400;
}

/**
 * No event is nested anywhere near this deep (a correction's replacement terms are ~7 levels); deeper
 * bodies are refused before parsing, because validating and reporting them recurses per level.
 */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of objects and arrays in a JSON text (strings skipped), scanned without recursion. */
export const jsonDepthExceeds = (text: string, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
};

/**
 * Bytes as UTF-8, or undefined when they are not (decoded as a string by Fastify, a broken sequence
 * became U+FFFD and then a misleading "body size did not match Content-Length"). A BOM is kept, so
 * JSON.parse refuses it as before.
 */
/** One decoder for every body: a whole-buffer decode keeps no state between calls. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const decodeUtf8 = (body: string | Buffer): string | undefined => {
  if (typeof body === 'string') return body;
  try {
    return utf8.decode(body);
  } catch {
    return undefined;
  }
};

/** Bodies from this size on are decoded and parsed in slices (sliced-json.ts), the event loop turning between. */
const SLICED_FROM_BYTES = 1 << 20;

const parseLargeJson = async (body: Buffer): Promise<unknown> => {
  const text = await decodeUtf8InSlices(body);
  if (text === undefined) throw new InvalidJsonError('the request body is not valid UTF-8');
  const parsed = await parseJsonInSlices(text, MAX_JSON_DEPTH);
  if ('tooDeep' in parsed) throw new InvalidJsonError(`the request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep`);
  if (!parsed.ok) throw new InvalidJsonError(parsed.notText ? parsed.problem : `invalid JSON body: ${parsed.problem}${ndjsonHint(text)}`);
  return parsed.value;
};

/**
 * Parses JSON bodies ourselves so that broken JSON surfaces as our own error (with the parser's
 * position) instead of a framework-specific one.
 */
export const useJsonBodyParser = (fastify: FastifyInstance): void => {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const unreadable = unreadableBody(request);
    if (unreadable) return done(unreadable, undefined);
    if (typeof body !== 'string' && body.length >= SLICED_FROM_BYTES) {
      parseLargeJson(body).then((value) => done(null, value), (error: Error) => done(error, undefined));
      return;
    }
    const text = decodeUtf8(body);
    if (text === undefined) return done(new InvalidJsonError('the request body is not valid UTF-8'), undefined);
    if (text.trim() === '') return done(new InvalidJsonError('the request body is empty; expected JSON'), undefined);
    if (text.charCodeAt(0) === 0xfeff) return done(new InvalidJsonError('the request body starts with a byte order mark (U+FEFF): send JSON without one'), undefined);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      return done(new InvalidJsonError(`the request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep`), undefined);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return done(new InvalidJsonError(`invalid JSON body: ${(error as Error).message}${ndjsonHint(text)}`), undefined);
    }
    const surrogate = loneSurrogateIn(text, parsed);
    if (surrogate !== undefined) return done(new InvalidJsonError(loneSurrogateMessage(surrogate)), undefined);
    done(null, parsed);
  });
  // NDJSON: one event per line (blank lines skipped), recorded as one all-or-nothing batch.
  fastify.addContentTypeParser('application/x-ndjson', { parseAs: 'buffer' }, (request, body, done) => {
    const unreadable = unreadableBody(request);
    if (unreadable) return done(unreadable, undefined);
    parseNdjson(body).then((events) => done(null, events), (error: Error) => done(error, undefined));
  });
};

/** One event per line, the event loop turning now and then on a large body. */
const parseNdjson = async (body: string | Buffer): Promise<unknown[]> => {
  const decoded = typeof body !== 'string' && body.length >= SLICED_FROM_BYTES ? await decodeUtf8InSlices(body) : decodeUtf8(body);
  if (decoded === undefined) throw new InvalidJsonError('the request body is not valid UTF-8');
  const lines = decoded.split(/\r?\n/);
  const events: unknown[] = [];
  const slice = loopSlices();
  for (let i = 0; i < lines.length; i++) {
    if ((i & 63) === 63) await slice();
    const line = lines[i].trim();
    if (line === '') continue;
    if (jsonDepthExceeds(line, MAX_JSON_DEPTH)) throw new InvalidJsonError(`line ${i + 1}: nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep`);
    try {
      events.push(JSON.parse(line));
    } catch (error) {
      throw new InvalidJsonError(`line ${i + 1}: invalid JSON: ${(error as Error).message}`);
    }
    const surrogate = loneSurrogateIn(line, events[events.length - 1]);
    if (surrogate !== undefined) throw new InvalidJsonError(`line ${i + 1}: ${loneSurrogateMessage(surrogate)}`);
  }
  if (events.length === 0) throw new InvalidJsonError('the request body is empty; expected one JSON event per line');
  return events;
};
