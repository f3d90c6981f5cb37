import { ParleyError } from '../../../events/parley-error';

const REASONS: Record<string, string> = {
  SQLITE_READONLY: 'the database file is read-only',
  SQLITE_READONLY_DIRECTORY: 'the database directory is read-only',
  SQLITE_READONLY_DBMOVED: 'the database file was moved or deleted while open',
  SQLITE_FULL: 'the disk (or the database size limit) is full',
  SQLITE_CANTOPEN: 'the database file cannot be opened for writing',
  SQLITE_IOERR: 'the disk reported an I/O error',
};

/** The store cannot take writes now (read-only file, full disk, I/O error); nothing was written. Reads still work. */
export class StoreNotWritableError extends ParleyError {
  readonly code = 'store_not_writable';
  readonly status = 503;
  constructor(
    readonly reason: string,
    readonly sqliteCode: string,
  ) {
    super(`the store cannot record events: ${reason}; nothing was written (reads still work; retry once it is fixed)`);
  }

  override details() {
    return { reason: this.reason, cause: this.sqliteCode };
  }
}

/** A storage failure named for the client, or undefined for anything else (a bug stays a 500). */
export const storageProblemOf = (error: unknown): StoreNotWritableError | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const reason = REASONS[code] ?? REASONS[code.replace(/_[A-Z]+$/, '')];
  return reason === undefined ? undefined : new StoreNotWritableError(reason, code);
};
