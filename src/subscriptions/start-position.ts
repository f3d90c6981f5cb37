import { ParleyError } from '../../events';
import { EventStore } from '../store/event-store.port';

export type StartedFrom = 'last-event-id' | 'checkpoint' | 'from-position' | 'live';

export interface StartRequest {
  /** The standard SSE reconnect header: what this very client last received. */
  lastEventId?: bigint;
  /** A named subscription's stored checkpoint. */
  checkpoint?: bigint;
  /** Where the caller asked to start (for a named subscription: only the first time). */
  fromPosition?: bigint;
}

/**
 * Where a stream starts (exclusive): the client's Last-Event-ID, else the named subscription's
 * checkpoint, else the requested fromPosition, else the current end (live only). So a named
 * subscription's fromPosition says where it starts the first time; afterwards it resumes. A
 * Last-Event-ID may rewind a named subscription but never move it past its checkpoint: what lies
 * between was not handed to that name (or its bookmark had not caught up), so it is delivered again
 * rather than skipped.
 */
export const resolveStart = async (store: EventStore, request: StartRequest): Promise<{ after: bigint; from: StartedFrom }> => {
  if (request.lastEventId !== undefined && (request.checkpoint === undefined || request.lastEventId <= request.checkpoint)) {
    return { after: request.lastEventId, from: 'last-event-id' };
  }
  if (request.checkpoint !== undefined) return { after: request.checkpoint, from: 'checkpoint' };
  if (request.fromPosition !== undefined) return { after: request.fromPosition, from: 'from-position' };
  return { after: await store.headPosition(), from: 'live' };
};

/** A start past the last stored event would silently skip the events that later take those positions. */
export class StartBeyondHeadError extends ParleyError {
  readonly code = 'position_beyond_head';
  readonly status = 400;
  constructor(
    readonly field: string,
    readonly position: bigint,
    readonly head: bigint,
  ) {
    super(`${field}: position ${position} is beyond the last stored event (${head}); events recorded later would be skipped`);
  }

  override details() {
    return [{ field: this.field, message: `position ${this.position} is beyond the last stored event (${this.head})` }];
  }
}

export const assertNotBeyondHead = async (store: EventStore, after: bigint, field: string): Promise<void> => {
  if (after === 0n) return;
  const head = await store.headPosition();
  if (after > head) throw new StartBeyondHeadError(field, after, head);
};
