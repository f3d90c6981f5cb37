import { EventProblem, EventValidationError, ParleyEvent, streamOf } from '../../events';
import { loopSlices } from '../core/loop-slices';
import { IdempotencyConflictError } from './errors';
import { StreamAppend } from './event-store.port';

/** Checks the events of an append to `stream` one by one; `done` refuses the append if any was wrong. */
const streamCheck = (stream: string) => {
  const problems: EventProblem[] = [];
  // A negotiation once seen to fit the stream is not turned into a stream name again.
  let fits = '';
  return {
    check(event: ParleyEvent, index: number): void {
      if (typeof event.id !== 'string' || event.id.length === 0 || event.id.length > 128) {
        problems.push({ index, path: 'id', message: 'every stored event needs an id of 1-128 characters', value: event.id });
      } else if (event.negotiation !== fits && streamOf(event.negotiation) !== stream) {
        problems.push({ index, path: 'negotiation', message: `event of negotiation "${event.negotiation}" cannot go to stream ${stream}`, value: event.negotiation });
      } else {
        fits = event.negotiation;
      }
    },
    done(): void {
      if (problems.length > 0) throw new EventValidationError(problems);
    },
  };
};

/**
 * The store's own last line of defence (the command layer validates the full schema first): every
 * event has an id and belongs to the negotiation whose stream it is appended to.
 */
export const assertBatchFitsStream = (stream: string, events: readonly ParleyEvent[]): void => {
  const check = streamCheck(stream);
  for (let index = 0; index < events.length; index++) check.check(events[index], index);
  check.done();
};

/**
 * The same for a multi-stream append, plus what no single stream can see: one id used in two
 * streams of the call (two negotiations, so two different events) refuses the whole call. Walks a
 * large append in slices (it sees every event of a 100 000-event batch).
 */
export const assertAppendsFitStreams = async (appends: readonly StreamAppend[]): Promise<void> => {
  const slice = loopSlices();
  for (const { stream, events } of appends) {
    const check = streamCheck(stream);
    for (let index = 0; index < events.length; index++) {
      check.check(events[index], index);
      if ((index & 1023) === 1023) await slice();
    }
    check.done();
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
