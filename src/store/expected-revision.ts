import { ConcurrencyConflictError } from './errors';
import { ExpectedRevision } from './event-store.port';

/** Checks an expected revision against the stream's actual one (-1n = no stream). Every adapter uses this one rule. */
export const assertExpectedRevision = (stream: string, expected: ExpectedRevision, actual: bigint): void => {
  const exists = actual >= 0n;
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && !exists) ||
    (expected === 'stream_exists' && exists) ||
    (typeof expected === 'bigint' && expected === actual);
  if (!ok) throw new ConcurrencyConflictError(stream, expected, exists ? actual : 'no_stream');
};
