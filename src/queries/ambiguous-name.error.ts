import { ParleyError } from '../../events';

/** A name that fits several things (an issue in several negotiations): the caller must say which. */
export class AmbiguousNameError extends ParleyError {
  readonly code = 'ambiguous';
  readonly status = 400;
  constructor(
    readonly what: string,
    readonly key: string,
    readonly candidates: readonly string[],
  ) {
    super(`${what} "${key}" exists in several negotiations (${candidates.join(', ')}); name one with --negotiation or the negotiation parameter`);
  }

  override details() {
    return { what: this.what, name: this.key, candidates: this.candidates };
  }
}
