import { z } from 'zod';
import { EVENT_TYPES, eventSchema, isEventType, NewEvent } from './catalog';
import { ParleyError } from './parley-error';
import { Dated, publishedBeforeOccurred } from './valid-window';

/** One thing wrong with one event of a batch: where (index, line, field path) and what. */
export interface EventProblem {
  index: number;
  file?: string;
  line?: number;
  path: string;
  message: string;
  value?: unknown;
}

/** A refused batch: every problem found, none written. Subclasses say which check refused it. */
export abstract class RejectedBatchError extends ParleyError {
  readonly status = 400;
  constructor(
    readonly problems: EventProblem[],
    message: string = problems.map(describeProblem).join('\n'),
  ) {
    super(message);
  }

  override details(): EventProblem[] {
    return this.problems;
  }

  override explain(): string {
    return `rejected, nothing was written:\n${this.problems.map((p) => `  ${describeProblem(p)}`).join('\n')}`;
  }
}

/** Events that do not fit the catalog's schemas. */
export class EventValidationError extends RejectedBatchError {
  readonly code = 'invalid_event';
}

/** Where a submitted event came from, for error messages: a file and line, or just its index. */
export interface EventLocation {
  file?: string;
  line?: number;
}

export const describeProblem = (p: EventProblem): string =>
  `${p.file ? `${p.file}:` : ''}${p.line !== undefined ? `line ${p.line}` : `event #${p.index}`}: ${p.path || '(event)'}: ${p.message}` +
  (p.value !== undefined ? ` (got ${describeValue(p.value)})` : '');

/** A short rendering of an offending value; never walks a (possibly huge or deep) structure. */
const describeValue = (value: unknown): string =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value)
    ? JSON.stringify(value).slice(0, 80)
    : Array.isArray(value)
      ? `an array of ${value.length}`
      : `a ${typeof value}`;

export const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), input);

/** Validates one submitted event against its type's schema; problems name the field path and the value. */
export const validateEvent = (input: unknown, index = 0, location: EventLocation = {}): { event?: NewEvent; problems: EventProblem[] } => {
  const at = (path: string, message: string, value?: unknown): EventProblem => ({ index, ...location, path, message, value });
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { problems: [at('', 'expected an event object')] };
  }
  const type = (input as { type?: unknown }).type;
  if (!isEventType(type)) {
    return { problems: [at('type', `unknown event type; expected one of ${EVENT_TYPES.join(', ')}`, type)] };
  }
  const parsed = eventSchema.safeParse(input);
  if (parsed.success) {
    const problems = datingProblems(parsed.data).map(([path, message, value]) => at(path, message, value));
    return problems.length > 0 ? { problems } : { event: parsed.data, problems: [] };
  }
  return {
    problems: parsed.error.issues.map((issue: z.core.$ZodIssue) => at(pathOf(issue.path), issue.message, valueAt(input, issue.path))),
  };
};

/** Dates that each parse but contradict one another: the article cannot predate what it reports. */
const datingProblems = (event: NewEvent): Array<[string, string, string | undefined]> => {
  const dated: Array<[string, Dated]> = [['', event]];
  // The replacement's static type is widened by the union's construction; the schema checked its fields.
  if (event.type === 'EventCorrected') dated.push(['data.replacement.', event.data.replacement as unknown as Dated]);
  return dated.flatMap(([prefix, body]) => {
    const message = publishedBeforeOccurred(body);
    return message === undefined ? [] : [[`${prefix}source.publishedAt`, message, body.source?.publishedAt]];
  });
};
