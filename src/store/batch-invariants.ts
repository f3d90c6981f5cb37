import { EventProblem, EventValidationError, ParleyEvent, streamOf } from '../../events';
import { loopSlices } from '../core/loop-slices';
import { IdempotencyConflictError } from './errors';
import { StreamAppend } from './event-store.port';

/** What is wrong with one event of an append to `stream`, if anything (`fits`: a negotiation already seen to fit). */
const problemOf = (stream: string, event: ParleyEvent, index: number, fits: string): EventProblem | undefined => {
  if (typeof event.id !== 'string' || event.id.length === 0 || event.id.length > 128) {
    return { index, path: 'id', message: 'every stored event needs an id of 1-128 characters', value: event.id };
  }
  if (event.negotiation !== fits && streamOf(event.negotiation) !== stream) {
    return { index, path: 'negotiation', message: `event of negotiation "${event.negotiation}" cannot go to stream ${stream}`, value: event.negotiation };
  }
  return undefined;
};

/**
 * The store's own last line of defence (the command layer validates the full schema first): every
 * event has an id and belongs to the negotiation whose stream it is appended to.
 */
export const assertBatchFitsStream = (stream: string, events: readonly ParleyEvent[]): void => {
  const problems: EventProblem[] = [];
  let fits = '';
  for (let index = 0; index < events.length; index++) {
    const problem = problemOf(stream, events[index], index, fits);
    if (problem) problems.push(problem);
    else fits = events[index].negotiation;
  }
  if (problems.length > 0) throw new EventValidationError(problems);
};

/**
 * The same for a multi-stream append, plus what no single stream can see: one id used in two
 * streams of the call (two negotiations, so two different events) refuses the whole call. Walks a
 * large append in slices (it sees every event of a 100 000-event batch).
 */
export const assertAppendsFitStreams = async (appends: readonly StreamAppend[]): Promise<void> => {
  const slice = loopSlices();
  for (const { stream, events } of appends) {
    const problems: EventProblem[] = [];
    let fits = '';
    for (let index = 0; index < events.length; index++) {
      const problem = problemOf(stream, events[index], index, fits);
      if (problem) problems.push(problem);
      else fits = events[index].negotiation;
      if ((index & 1023) === 1023) await slice();
    }
    if (problems.length > 0) throw new EventValidationError(problems);
  }
  if (appends.length < 2) return; // within one stream, a repeated id is the stream's own affair (same content or a conflict)
  const streamOfId = new Map<string, string>();
  for (const { stream, events } of appends) {
    for (let i = 0; i < events.length; i++) {
      const other = streamOfId.get(events[i].id);
      if (other !== undefined && other !== stream) throw new IdempotencyConflictError(events[i].id);
      streamOfId.set(events[i].id, stream);
      if ((i & 255) === 255) await slice();
    }
  }
};
