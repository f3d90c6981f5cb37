/** Something named in a query does not exist; says what does, so the caller can correct it. */
export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(
    readonly what: string,
    readonly key: string,
    readonly available: readonly string[],
    /** How many exist in all, when `available` lists only some of them. */
    total: number = available.length,
  ) {
    const more = total > available.length ? ` and ${total - available.length} more` : '';
    super(`unknown ${what} "${key}"${available.length ? `; known: ${available.join(', ')}${more}` : `; there are none yet`}`);
    this.name = 'NotFoundError';
  }
}

/** A name that fits several things (an issue in several negotiations): the caller must say which. */
export class AmbiguousNameError extends Error {
  readonly code = 'ambiguous';
  constructor(
    readonly what: string,
    readonly key: string,
    readonly candidates: readonly string[],
  ) {
    super(`${what} "${key}" exists in several negotiations (${candidates.join(', ')}); name one with --negotiation or the negotiation parameter`);
    this.name = 'AmbiguousNameError';
  }
}
