import { ParleyError } from '../../events';

/** Something named in a query does not exist; says what does, so the caller can correct it. */
export class NotFoundError extends ParleyError {
  readonly code = 'not_found';
  readonly status = 404;
  constructor(
    readonly what: string,
    readonly key: string,
    readonly available: readonly string[],
    /** How many exist in all, when `available` lists only some of them. */
    total: number = available.length,
  ) {
    const more = total > available.length ? ` and ${total - available.length} more` : '';
    super(`unknown ${what} "${key}"${available.length ? `; known: ${available.join(', ')}${more}` : `; there are none yet`}`);
  }

  override details() {
    return { what: this.what, name: this.key, available: this.available };
  }
}
