import { ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the writer decided against; nothing was appended. */
export class ConcurrencyConflictError extends Error {
  readonly code = 'concurrency_conflict';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${actual === 'no_stream' ? 'no stream' : actual}`);
    this.name = 'ConcurrencyConflictError';
  }
}

/** An event id is already stored with different content; nothing was appended. */
export class IdempotencyConflictError extends Error {
  readonly code = 'idempotency_conflict';
  constructor(
    readonly eventId: string,
    readonly storedPosition?: bigint,
  ) {
    super(
      `event id "${eventId}" is already ${storedPosition !== undefined ? `stored at position ${storedPosition}` : 'used in this batch'} with different content`,
    );
    this.name = 'IdempotencyConflictError';
  }
}
