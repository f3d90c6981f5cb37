import { jsonEvent, type EventData, type RecordedEvent } from '@eventstore/db-client';
import { createHash } from 'node:crypto';
import { ParleyError, ParleyEvent, RawEventBody, schemaVersionOf, StoredEvent, upcast } from '../../../events';
import { canonicalBody } from '../event-body';
import { kurrentEventId } from './event-id';

/** Metadata keys Parley writes (values are always strings, so any tool reading the stream can show them). */
export const META = {
  id: 'parley.id',
  schemaVersion: 'parley.schemaVersion',
  negotiation: 'parley.negotiation',
  issue: 'parley.issue',
  party: 'parley.party',
  occurredAt: 'parley.occurredAt',
  /** Only on events copied from another store: their original transaction time. */
  recordedAt: 'parley.recordedAt',
} as const;

export type ParleyMetadata = Record<string, string>;

export const encodeMetadata = (event: ParleyEvent, recordedAt?: string): ParleyMetadata => {
  const metadata: ParleyMetadata = {
    [META.id]: event.id,
    [META.schemaVersion]: String(schemaVersionOf(event.type)),
    [META.negotiation]: event.negotiation,
    [META.occurredAt]: String(event.occurredAt),
  };
  if (event.issue !== undefined) metadata[META.issue] = event.issue;
  if (event.party !== undefined) metadata[META.party] = event.party;
  if (recordedAt !== undefined) metadata[META.recordedAt] = recordedAt;
  return metadata;
};

/** One Parley event as a KurrentDB JSON event: the whole event (keys sorted) in `data`, the envelope as string metadata. */
export const toEventData = (event: ParleyEvent, namespace: string, recordedAt?: string): EventData =>
  jsonEvent({
    id: kurrentEventId(event.id, namespace),
    type: event.type,
    data: JSON.parse(canonicalBody(event)) as Record<string, unknown>,
    metadata: encodeMetadata(event, recordedAt),
  });

/** The record type of a hard delete, written into the deleted stream (and so into $all). */
export const STREAM_DELETED = '$streamDeleted';

/**
 * Records inside a negotiation stream that Parley never wrote and must not decode: `$`-typed system
 * records (a hard delete's `$streamDeleted` — `AllReader.cs`: "prepare with useful data or delete
 * tombstone" —, `$metadata`, links `$>`) and records that are not JSON. They are skipped, as Emmett's
 * $all subscriptions skip them with excludeSystemEvents() (type regex `^[^$].*`).
 */
export const isForeignRecord = (recorded: Pick<RecordedEvent, 'type' | 'isJson'>): boolean => recorded.type.startsWith('$') || !recorded.isJson;

/** What "same content" compares: a digest of the canonical body, so the id index stays small. */
export const contentDigest = (canonical: string): string => createHash('sha256').update(canonical).digest('base64');

/** The KurrentDB server holds an event Parley did not write (or cannot read): the store is not usable as is. */
export class NotAParleyEventError extends ParleyError {
  readonly code = 'not_a_parley_event';
  readonly status = 500;
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    why: string,
  ) {
    super(`event ${revision} of KurrentDB stream ${streamId} is not a Parley event: ${why}`);
  }

  override details() {
    return { stream: this.streamId, revision: this.revision };
  }
}

export interface DecodedEvent {
  event: StoredEvent;
  /** contentDigest of the body as written (before upcasting): what idempotency compares. */
  digest: string;
}

/**
 * A recorded KurrentDB event back into a StoredEvent: position = its $all commit position (bigint),
 * streamRevision = its revision, recordedAt = the original recordedAt of a copied event, else the
 * server's `created`.
 */
export const decodeRecorded = (recorded: RecordedEvent): DecodedEvent => {
  const { streamId, revision } = recorded;
  if (!recorded.isJson || typeof recorded.data !== 'object' || recorded.data === null || Array.isArray(recorded.data))
    throw new NotAParleyEventError(streamId, revision, 'its data is not a JSON object');
  if (!recorded.position) throw new NotAParleyEventError(streamId, revision, 'the server sent no position (KurrentDB/EventStoreDB 22.6 or later is needed)');
  const metadata = isStringRecord(recorded.metadata) ? recorded.metadata : {};
  const body = recorded.data as RawEventBody;
  if (typeof body.type !== 'string' || typeof body.id !== 'string') throw new NotAParleyEventError(streamId, revision, 'it has no Parley id or type');
  const version = Number(metadata[META.schemaVersion] ?? '1');
  const current = upcast(body, Number.isInteger(version) && version > 0 ? version : 1) as unknown as ParleyEvent;
  return {
    event: {
      ...current,
      position: recorded.position.commit,
      streamRevision: revision,
      recordedAt: metadata[META.recordedAt] ?? recorded.created.toISOString(),
    },
    digest: contentDigest(canonicalBody(body as unknown as ParleyEvent)),
  };
};

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
