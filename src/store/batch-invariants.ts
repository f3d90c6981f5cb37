import { ParleyEvent, streamOf } from '../../events';
import { EventValidationError } from '../../events';
import { IdempotencyConflictError } from './errors';
import { StreamAppend } from './event-store.port';

/**
 * The store's own last line of defence (the command layer validates the full schema first): every
 * event has an id and belongs to the negotiation whose stream it is appended to.
 */
export const assertBatchFitsStream = (stream: string, events: readonly ParleyEvent[]): void => {
  const problems = events.flatMap((event, index) => {
    if (typeof event.id !== 'string' || event.id.length === 0 || event.id.length > 128)
      return [{ index, path: 'id', message: 'every stored event needs an id of 1-128 characters', value: event.id }];
    if (streamOf(event.negotiation) !== stream)
      return [{ index, path: 'negotiation', message: `event of negotiation "${event.negotiation}" cannot go to stream ${stream}`, value: event.negotiation }];
    return [];
  });
  if (problems.length > 0) throw new EventValidationError(problems);
};

/**
 * The same for a multi-stream append, plus what no single stream can see: one id used in two
 * streams of the call (two negotiations, so two different events) refuses the whole call.
 */
export const assertAppendsFitStreams = (appends: readonly StreamAppend[]): void => {
  const streamOfId = new Map<string, string>();
  for (const { stream, events } of appends) {
    assertBatchFitsStream(stream, events);
    for (const event of events) {
      const other = streamOfId.get(event.id);
      if (other !== undefined && other !== stream) throw new IdempotencyConflictError(event.id);
      streamOfId.set(event.id, stream);
    }
  }
};
