import { ConcurrencyConflictError } from './errors';
import { ExpectedRevision } from './event-store.port';

/** Whether a stream at `actual` (-1n = no stream) satisfies an expected revision. Every adapter uses this one rule. */
export const revisionHolds = (expected: ExpectedRevision, actual: bigint): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' && actual < 0n) ||
  (expected === 'stream_exists' && actual >= 0n) ||
  (typeof expected === 'bigint' && expected === actual);

export const revisionConflict = (stream: string, expected: ExpectedRevision, actual: bigint): ConcurrencyConflictError =>
  new ConcurrencyConflictError(stream, expected, actual >= 0n ? actual : 'no_stream');
