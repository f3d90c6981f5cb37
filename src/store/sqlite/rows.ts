import { CURRENT_SCHEMA_VERSION, EventType, ParleyEvent, RawEventBody, StoredEvent, upcast } from '../../../events';

export interface EventRow {
  position: number;
  stream_revision: number;
  recorded_at: string;
  schema_version: number;
  body: string;
}

export const EVENT_COLUMNS = 'position, stream_revision, recorded_at, schema_version, body';

/**
 * The hot path of every read and replay: parse, upcast only when the stored version is behind, and
 * add the store's fields to the freshly parsed object (ours alone) instead of copying it.
 */
export const rowToEvent = (row: EventRow): StoredEvent => {
  let body = JSON.parse(row.body) as RawEventBody;
  if (row.schema_version !== (CURRENT_SCHEMA_VERSION[body.type as EventType] ?? 1)) body = upcast(body, row.schema_version);
  const event = body as unknown as StoredEvent<ParleyEvent>;
  event.position = BigInt(row.position);
  event.streamRevision = BigInt(row.stream_revision);
  event.recordedAt = row.recorded_at;
  return event;
};

/** A row as an array, in EVENT_COLUMNS order (a statement in raw mode: no object built per row). */
export type EventTuple = [position: number, streamRevision: number, recordedAt: string, schemaVersion: number, body: string];

export const tupleToEvent = (row: EventTuple): StoredEvent => {
  let body = JSON.parse(row[4]) as RawEventBody;
  if (row[3] !== (CURRENT_SCHEMA_VERSION[body.type as EventType] ?? 1)) body = upcast(body, row[3]);
  const event = body as unknown as StoredEvent<ParleyEvent>;
  event.position = BigInt(row[0]);
  event.streamRevision = BigInt(row[1]);
  event.recordedAt = row[2];
  return event;
};
