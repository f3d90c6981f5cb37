import { ParleyError } from '../../events';

/** Another open connection of this server already consumes this named subscription. */
export class SubscriptionNameInUseError extends ParleyError {
  readonly code = 'subscription_name_in_use';
  readonly status = 409;
  constructor(readonly name: string) {
    super(`named subscription "${name}" is already open on another connection; close it first (one consumer per name)`);
  }

  override details() {
    return { name: this.name };
  }
}

/** The store already holds the most named checkpoints it may; a new name is refused. */
export class CheckpointLimitError extends ParleyError {
  readonly code = 'checkpoint_limit_reached';
  readonly status = 409;
  constructor(readonly limit: number) {
    super(`the store already holds ${limit} named checkpoints (PARLEY_MAX_CHECKPOINTS); reuse a name or raise the limit`);
  }

  override details() {
    return { limit: this.limit };
  }
}
