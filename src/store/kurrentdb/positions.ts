import { END, START, type Position, type ReadPosition } from '@eventstore/db-client';

/**
 * Positions are $all commit positions: bigint byte offsets in the transaction log, strictly
 * increasing and never contiguous. Every event KurrentDB writes through gRPC commits itself, so
 * its prepare position equals its commit position.
 */
export const positionOf = (commit: bigint): Position => ({ commit, prepare: commit });

/**
 * Where a forwards read or subscription starts for the port's exclusive `fromPosition`: 0n (before
 * every event) is the start of the log, omitted is `whenOmitted`.
 */
export const startAfter = (fromPosition: bigint | undefined, whenOmitted: typeof START | typeof END): ReadPosition =>
  fromPosition === undefined ? whenOmitted : fromPosition <= 0n ? START : positionOf(fromPosition);

export const maxPosition = (a: bigint, b: bigint): bigint => (a > b ? a : b);
