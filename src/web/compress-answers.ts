import type { FastifyInstance } from 'fastify';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Answers smaller than this go as they are: compressing them saves less than it costs. */
const MIN_BYTES = 1024;

/** The encoding to use for a request's Accept-Encoding (brotli first), or none. */
export const chooseEncoding = (accept: string | undefined): 'br' | 'gzip' | null => {
  const offered = (accept ?? '').split(',').map((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { name, q: q ? Number(q.slice(2)) : 1 };
  });
  const accepts = (name: string) => offered.some((o) => (o.name === name || o.name === '*') && o.q > 0);
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
};

/**
 * JSON (and CSV) answers compressed for clients that accept it: the page's timeline and replay
 * answers are tens of kilobytes of repetitive JSON, which a slow phone link pays for in full.
 * Streams (SSE) and already-encoded replies are left alone.
 */
export const compressAnswers = (fastify: FastifyInstance): void => {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/^(application\/json|text\/csv)/.test(type) || reply.getHeader('content-encoding')) return payload;
    // A string of n characters is at least n bytes: only a short one needs counting.
    if (payload.length < MIN_BYTES && Buffer.byteLength(payload) < MIN_BYTES) return payload;
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    reply.header('vary', 'accept-encoding');
    if (!encoding) return payload;
    // Copied into a buffer only to be compressed: most API clients (curl, scripts) do not ask for it.
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const compressed =
      encoding === 'br' ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : await gzipAsync(body, { level: 6 });
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return compressed;
  });
};
