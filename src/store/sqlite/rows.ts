import { ParleyEvent, RawEventBody, StoredEvent, upcast } from '../../../events';

export interface EventRow {
  position: number;
  stream_revision: number;
  recorded_at: string;
  schema_version: number;
  body: string;
}

export const EVENT_COLUMNS = 'position, stream_revision, recorded_at, schema_version, body';

export const rowToEvent = (row: EventRow): StoredEvent => {
  const body = upcast(JSON.parse(row.body) as RawEventBody, row.schema_version) as unknown as ParleyEvent;
  return { ...body, position: BigInt(row.position), streamRevision: BigInt(row.stream_revision), recordedAt: row.recorded_at };
};
