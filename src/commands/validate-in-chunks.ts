import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EventLocation, EventProblem, EventValidationError, NewEvent, validateEvent } from '../../events';

const CHUNK = 1_000;

/**
 * Validates a batch a chunk at a time, yielding to the event loop between chunks so that a large
 * import neither freezes a server nor hides its progress; nothing is accepted unless all is valid.
 */
export const validateInChunks = async (
  inputs: readonly unknown[],
  locations: readonly EventLocation[] | undefined,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<NewEvent[]> => {
  const events: NewEvent[] = [];
  const problems: EventProblem[] = [];
  for (let start = 0; start < inputs.length; start += CHUNK) {
    for (let index = start; index < Math.min(start + CHUNK, inputs.length); index++) {
      const result = validateEvent(inputs[index], index, locations?.[index]);
      if (result.event) events.push(result.event);
      problems.push(...result.problems);
    }
    onProgress(Math.min(start + CHUNK, inputs.length), inputs.length);
    if (start + CHUNK < inputs.length) await yieldToLoop();
  }
  if (problems.length > 0) throw new EventValidationError(problems);
  return events;
};
