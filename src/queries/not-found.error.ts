/** Something named in a query does not exist; says what does, so the caller can correct it. */
export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(
    readonly what: string,
    readonly key: string,
    readonly available: readonly string[],
  ) {
    super(`unknown ${what} "${key}"${available.length ? `; known: ${available.join(', ')}` : `; there are none yet`}`);
    this.name = 'NotFoundError';
  }
}
