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
 * subscription's fromPosition says where it starts the first time; afterwards it resumes.
 */
export const resolveStart = async (store: EventStore, request: StartRequest): Promise<{ after: bigint; from: StartedFrom }> => {
  if (request.lastEventId !== undefined) return { after: request.lastEventId, from: 'last-event-id' };
  if (request.checkpoint !== undefined) return { after: request.checkpoint, from: 'checkpoint' };
  if (request.fromPosition !== undefined) return { after: request.fromPosition, from: 'from-position' };
  return { after: await store.headPosition(), from: 'live' };
};
