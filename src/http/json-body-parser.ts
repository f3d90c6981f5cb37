import type { FastifyInstance } from 'fastify';

export class InvalidJsonError extends Error {
  readonly code = 'invalid_json';
}

/**
 * Parses JSON bodies ourselves so that broken JSON surfaces as our own error (with the parser's
 * position) instead of a framework-specific one.
 */
export const useJsonBodyParser = (fastify: FastifyInstance): void => {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(new InvalidJsonError('the request body is empty; expected JSON'), undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new InvalidJsonError(`invalid JSON body: ${(error as Error).message}`), undefined);
    }
  });
};
