import { ZodError } from 'zod';
import { ParleyError, pathOf } from '../../events';

export interface InputProblem {
  /** Where: a query parameter, a body field path or a flag (`--port`); empty for the value as a whole. */
  field: string;
  message: string;
}

/** A request, query or flag that does not fit its schema. */
export class InvalidInputError extends ParleyError {
  readonly code = 'invalid_request';
  readonly status = 400;
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => `${p.field || 'value'}: ${p.message}`).join('; '));
  }

  override details(): InputProblem[] {
    return this.problems;
  }

  override explain(): string {
    return this.problems.map((p) => `${p.field || 'value'}: ${p.message}`).join('\n');
  }

  static fromZod(error: ZodError, prefix = ''): InvalidInputError {
    // An unrecognized key is named by the key itself, not by its (possibly empty) parent path.
    return new InvalidInputError(
      error.issues.flatMap((i) =>
        i.code === 'unrecognized_keys'
          ? i.keys.map((key) => ({ field: prefix + pathOf([...i.path, key]), message: 'unrecognized key' }))
          : [{ field: prefix + pathOf(i.path), message: i.message }],
      ),
    );
  }
}

/** Our own errors as they are, a schema failure as the input error it is; anything else is not ours. */
export const asParleyError = (error: unknown): ParleyError | undefined =>
  error instanceof ParleyError ? error : error instanceof ZodError ? InvalidInputError.fromZod(error) : undefined;
