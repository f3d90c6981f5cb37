import { ParleyEvent, streamOf } from '../../events';
import { EventValidationError } from '../../events';

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
