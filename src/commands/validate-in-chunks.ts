import { loopSlices } from '../core/loop-slices';
import { describeProblem, EventLocation, EventProblem, EventValidationError, NewEvent, validateEvent } from '../../events';

/** Progress is reported every this many events. */
const CHUNK = 500;

/** At most this many problems are reported (the first ones, in batch order); the rest are counted. */
export const MAX_REPORTED_PROBLEMS = 100;

/**
 * No field of an event holds anywhere near this many items (parties, targets, terms, a schedule);
 * longer arrays are refused before the schema sees them, whose per-item checks would take seconds.
 */
export const MAX_ARRAY_ITEMS = 1_000;

/**
 * The path of the first array longer than `max` inside a value, walked without recursion. The walk
 * itself builds no paths (it runs over every node of every submitted event); only a value that holds
 * such an array is walked again, with paths, to name it.
 */
export const oversizedArrayIn = (value: unknown, max: number): string | undefined => {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      if (node.length > max) return pathOfOversizedArray(value, max);
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else {
      for (const key in node) if (Object.hasOwn(node, key)) stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return undefined;
};

const pathOfOversizedArray = (value: unknown, max: number): string => {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      if (node.length > max) return path || '(event)';
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], path: `${path}[${i}]` });
    } else {
      for (const key of Object.keys(node).reverse()) stack.push({ value: (node as Record<string, unknown>)[key], path: path ? `${path}.${key}` : key });
    }
  }
  return '(event)';
};

/** A refused batch with more problems than are worth listing: the first ones, and how many there were. */
export class TooManyProblemsError extends EventValidationError {
  constructor(
    problems: EventProblem[],
    readonly total: number,
  ) {
    super(problems, `${problems.map(describeProblem).join('\n')}\n… ${total - problems.length} more problems not listed (${total} in all; the first ${problems.length} shown)`);
  }

  override explain(): string {
    return `${super.explain()}\n  … ${this.total - this.problems.length} more problems not listed (${this.total} in all)`;
  }
}

/**
 * Validates a batch in slices, giving the event loop a turn between them so that a large import
 * neither freezes a server nor hides its progress; nothing is accepted unless all is valid.
 */
export const validateInChunks = async (
  inputs: readonly unknown[],
  locations: readonly EventLocation[] | undefined,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<NewEvent[]> => {
  const events: NewEvent[] = [];
  const problems: EventProblem[] = [];
  let total = 0;
  const slice = loopSlices();
  for (let start = 0; start < inputs.length; start += CHUNK) {
    for (let index = start; index < Math.min(start + CHUNK, inputs.length); index++) {
      if ((index & 31) === 31) await slice();
      const oversized = oversizedArrayIn(inputs[index], MAX_ARRAY_ITEMS);
      const result: { event?: NewEvent; problems: EventProblem[] } = oversized
        ? { problems: [{ index, ...locations?.[index], path: oversized, message: `at most ${MAX_ARRAY_ITEMS} items` }] }
        : validateEvent(inputs[index], index, locations?.[index]);
      if (result.event) events.push(result.event);
      // One by one (never push(...spread): an event with 100 000 problems would overflow the stack).
      for (const problem of result.problems) if (++total <= MAX_REPORTED_PROBLEMS) problems.push(problem);
    }
    onProgress(Math.min(start + CHUNK, inputs.length), inputs.length);
  }
  if (total > problems.length) throw new TooManyProblemsError(problems, total);
  if (problems.length > 0) throw new EventValidationError(problems);
  return events;
};
