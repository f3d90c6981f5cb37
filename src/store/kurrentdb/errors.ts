import { ParleyError } from '../../../events';

/**
 * Appends are refused while this process's id index does not follow KurrentDB live (a node restart
 * or failover is being ridden out): deciding "is this id new?" against a stale index is what the
 * review showed to write duplicates. Nothing was appended; the same batch can be retried.
 */
export class StoreNotLiveError extends ParleyError {
  readonly code = 'store_not_live';
  readonly status = 503;
  constructor(readonly reason: string | undefined) {
    super(`KurrentDB is not followed live right now${reason ? ` (${reason})` : ''}; nothing was appended, retry shortly`);
  }

  override details() {
    return { reason: this.reason ?? null };
  }
}

/** The server is older than the adapter's floor (no CaughtUp for subscriptions before 24.2). */
export class UnsupportedKurrentDBVersionError extends ParleyError {
  readonly code = 'kurrentdb_version_unsupported';
  readonly status = 503;
  constructor(
    readonly version: string,
    readonly minimum: string,
  ) {
    super(
      `KurrentDB ${version} is not supported: Parley needs ${minimum} or later (older servers never say when a subscription ` +
        'has caught up, so Parley could not tell when its view of the store is complete)',
    );
  }

  override details() {
    return { version: this.version, minimum: this.minimum };
  }
}

/** A `fromPosition` that is not the position of an event: KurrentDB reads $all only from record boundaries. */
export class InvalidPositionError extends ParleyError {
  readonly code = 'invalid_position';
  readonly status = 400;
  constructor(readonly position: bigint) {
    super(`position ${position} is not the position of an event in this KurrentDB store: read from an event's position (or 0)`);
  }

  override details() {
    return { position: this.position };
  }
}

/** KurrentDB took the write but the leader did not show it when read back; retrying the same batch reports it as duplicates. */
export class AppendNotConfirmedError extends ParleyError {
  readonly code = 'append_not_confirmed';
  readonly status = 503;
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`KurrentDB accepted the append to ${stream} but event ${eventId} could not be read back from the leader yet; retry the same batch`);
  }

  override details() {
    return { stream: this.stream, eventId: this.eventId };
  }
}

/** Another writer holds the claim on this id and its event is not visible yet: it is being written right now. */
export class EventIdContendedError extends ParleyError {
  readonly code = 'event_id_contended';
  readonly status = 409;
  constructor(readonly eventId: string) {
    super(`event id "${eventId}" is being recorded by another writer right now; nothing was appended, retry shortly`);
  }

  override details() {
    return { eventId: this.eventId };
  }
}

/** An operator hard-deleted (tombstoned) the negotiation's stream on the server; KurrentDB refuses appends to it for good. */
export class NegotiationStreamDeletedError extends ParleyError {
  readonly code = 'negotiation_stream_deleted';
  readonly status = 410;
  constructor(readonly stream: string) {
    super(`the KurrentDB stream of ${stream} was hard-deleted on the server (Parley never deletes events); KurrentDB refuses appends to it`);
  }

  override details() {
    return { stream: this.stream };
  }
}

/**
 * The connection to KurrentDB failed while an append was under way (a node stopped, restarted or lost
 * leadership): the events may or may not be stored. Retrying the same batch is safe: whatever was
 * stored comes back as duplicates.
 */
export class StoreUnavailableError extends ParleyError {
  readonly code = 'store_unavailable';
  readonly status = 503;
  constructor(readonly reason: string) {
    super(`KurrentDB became unavailable during the append (${reason}); it may or may not be stored: retry the same batch`);
  }

  override details() {
    return { reason: this.reason };
  }
}
