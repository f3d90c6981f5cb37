import { ConcurrencyConflictError, IdempotencyConflictError } from '../errors';
import type { ExpectedRevision } from '../event-store.port';
import type { EventDraft, StoredDrafts } from './draft-writer';
import { StoreNotWritableError } from './storage-errors';

/**
 * Messages between a file store and its writer thread. No single message is big enough to hold
 * either thread for long while it is copied.
 */
export type AppendRequest = { kind: 'append'; id: number; at: string; streams: { stream: string; expectedRevision: ExpectedRevision; count: number }[]; drafts: EventDraft[] };

/**
 * A large append goes as `drafts` parts and then its `append`; small appends asked in one turn of
 * the event loop go together as one `appends` message (one wake-up of the writer thread, not one
 * per request: on a busy machine each wake-up can cost the event loop its core for a while).
 */
export type WriterRequest =
  | { kind: 'drafts'; id: number; drafts: EventDraft[] }
  | AppendRequest
  | { kind: 'appends'; appends: AppendRequest[] }
  | { kind: 'checkpoint'; id: number; name: string; position: bigint; at: string }
  | { kind: 'close' };

/** The thread answers with a list of these: every answer of one of its turns in one message. */
export type WriterReply = { id: number; ok: true; results: StoredDrafts[] } | { id: number; ok: false; error: EncodedError };

/** Errors cross threads as data (a structured clone keeps no class); each side knows them all. */
export type EncodedError =
  | { kind: 'idempotency'; eventId: string; storedPosition?: bigint }
  | { kind: 'concurrency'; stream: string; expected: ExpectedRevision; actual: bigint | 'no_stream' }
  | { kind: 'storage'; reason: string; code: string }
  | { kind: 'other'; message: string; stack?: string };

export const encodeError = (error: unknown): EncodedError => {
  if (error instanceof IdempotencyConflictError) return { kind: 'idempotency', eventId: error.eventId, storedPosition: error.storedPosition };
  if (error instanceof ConcurrencyConflictError) return { kind: 'concurrency', stream: error.stream, expected: error.expected, actual: error.actual };
  if (error instanceof StoreNotWritableError) return { kind: 'storage', reason: error.reason, code: error.sqliteCode };
  return { kind: 'other', message: (error as Error | undefined)?.message ?? String(error), stack: (error as Error | undefined)?.stack };
};

export const decodeError = (encoded: EncodedError): Error => {
  switch (encoded.kind) {
    case 'idempotency':
      return new IdempotencyConflictError(encoded.eventId, encoded.storedPosition);
    case 'concurrency':
      return new ConcurrencyConflictError(encoded.stream, encoded.expected, encoded.actual);
    case 'storage':
      return new StoreNotWritableError(encoded.reason, encoded.code);
    case 'other': {
      const error = new Error(`SQLite writer thread: ${encoded.message}`);
      if (encoded.stack) error.stack = `${error.stack}\n  in the writer thread: ${encoded.stack}`;
      return error;
    }
  }
};
