import { WrongExpectedVersionError } from '@eventstore/db-client';
import { ParleyError } from '../../../events';
import { ConcurrencyConflictError } from '../errors';
import { ExpectedRevision } from '../event-store.port';

/** The client's revision as the port's "actual" (-1n, an absent stream, becomes 'no_stream'). */
export const actualRevision = (current: bigint | string | undefined): bigint | 'no_stream' =>
  typeof current === 'bigint' ? (current < 0n ? 'no_stream' : current) : current === 'no_stream' || current === undefined ? 'no_stream' : BigInt(current);

/**
 * KurrentDB's WrongExpectedVersionError becomes the port's ConcurrencyConflictError, reported with
 * the port's stream name and the revision the caller expected. Every other error is rethrown as is:
 * an append error is never swallowed.
 */
export const translateAppendError = (error: unknown, stream: string, expected: ExpectedRevision): unknown => {
  if (error instanceof WrongExpectedVersionError) return new ConcurrencyConflictError(stream, expected, actualRevision(error.actualVersion));
  return error;
};

const RETRIABLE = new Set(['unavailable', 'not-leader', 'deadline-exceeded', 'timeout']);

/** Errors after which a subscription can simply be opened again (a node went away, a leader changed). */
export const isTransient = (error: unknown): boolean =>
  error instanceof SubscriptionEndedError || RETRIABLE.has(String((error as { type?: unknown } | null)?.type));

export class SubscriptionEndedError extends ParleyError {
  readonly code = 'subscription_ended';
  readonly status = 503;
  constructor() {
    super('the KurrentDB server ended the subscription');
  }
}
