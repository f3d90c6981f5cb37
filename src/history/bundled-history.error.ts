import { ParleyError } from '../../events';
import { IdempotencyConflictError } from '../store/errors';

/**
 * The store already holds a different version of a bundled event (it was loaded by an older
 * Parley, whose history has since been corrected). Events are never rewritten, so the history
 * cannot be loaded into that store; the user chooses what to do.
 */
export class BundledHistoryConflictError extends ParleyError {
  readonly code = 'bundled_history_conflict';
  readonly status = 409;

  constructor(
    readonly store: string,
    readonly cause: IdempotencyConflictError,
  ) {
    super(
      `the store ${store} holds an older version of the bundled history (${cause.message}); ` +
        'events are never rewritten: serve a fresh store (--db new.db) or this one as it is (--no-history)',
    );
  }

  override details() {
    return { store: this.store, eventId: this.cause.eventId };
  }
}
