import { ParleyError } from '../../events/parley-error';
import { ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the writer decided against; nothing was appended. */
export class ConcurrencyConflictError extends ParleyError {
  readonly code = 'concurrency_conflict';
  readonly status = 409;
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${actual === 'no_stream' ? 'no stream' : actual}`);
  }

  override details() {
    return { stream: this.stream, expected: this.expected, actual: this.actual };
  }
}

/** An event id is already stored with different content; nothing was appended. */
export class IdempotencyConflictError extends ParleyError {
  readonly code = 'idempotency_conflict';
  readonly status = 409;
  constructor(
    readonly eventId: string,
    readonly storedPosition?: bigint,
  ) {
    super(
      `event id "${eventId}" is already ${storedPosition !== undefined ? `stored at position ${storedPosition}` : 'used in this batch'} with different content`,
    );
  }

  override details() {
    return { eventId: this.eventId, storedPosition: this.storedPosition ?? null };
  }
}

/**
 * A batch spans several negotiations (streams) and the store cannot write them in one transaction;
 * nothing was appended. Send one batch per negotiation instead.
 */
export class MultiStreamAppendUnsupportedError extends ParleyError {
  readonly code = 'multi_negotiation_batch_unsupported';
  readonly status = 422;
  constructor(
    readonly negotiations: readonly string[],
    readonly storeKind: string,
  ) {
    super(
      `this batch spans ${negotiations.length} negotiations (${negotiations.join(', ')}), but the ${storeKind} store cannot record ` +
        'several negotiations all-or-nothing; nothing was recorded: send one batch per negotiation',
    );
  }

  override details() {
    return { negotiations: this.negotiations, store: this.storeKind };
  }
}
