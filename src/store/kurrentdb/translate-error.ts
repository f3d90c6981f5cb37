import { StreamDeletedError, WrongExpectedVersionError } from '@eventstore/db-client';
import { ParleyError } from '../../../events';
import { ConcurrencyConflictError } from '../errors';
import { ExpectedRevision } from '../event-store.port';
import { InvalidPositionError, NegotiationStreamDeletedError } from './errors';

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
  if (error instanceof StreamDeletedError) return new NegotiationStreamDeletedError(stream);
  return error;
};

/**
 * KurrentDB answers a read of $all from inside a record with InvalidArgument "Trying to read from an
 * invalid position." (`RpcExceptions.InvalidPositionException`), which 6.2.1 surfaces as an
 * UnknownError carrying that text: it becomes the port's 400 naming the position.
 */
export const translateReadError = (error: unknown, position: bigint | undefined): unknown =>
  position !== undefined && /invalid position/i.test(String((error as { message?: unknown } | null)?.message)) ? new InvalidPositionError(position) : error;

/**
 * `cancelled` is what a node shutting down gracefully ends streaming calls with
 * (`GrpcStreamingShutdownMiddleware.cs`; client CHANGELOG 6.0/6.2 "Expect CancelledError when node is
 * terminated"); the client itself reconnects its channel after it (`Client/index.js` shouldReconnect).
 */
const RETRIABLE = new Set(['unavailable', 'cancelled', 'not-leader', 'deadline-exceeded', 'timeout']);

/** Errors after which a subscription can simply be opened again (a node went away or restarted, a leader changed). */
export const isTransient = (error: unknown): boolean =>
  error instanceof SubscriptionEndedError || RETRIABLE.has(String((error as { type?: unknown } | null)?.type));

export class SubscriptionEndedError extends ParleyError {
  readonly code = 'subscription_ended';
  readonly status = 503;
  constructor() {
    super('the KurrentDB server ended the subscription');
  }
}
