import type { DatabaseError, Pool } from 'pg';
import { ParleyEvent, schemaVersionOf, StoredEvent } from '../../../events';
import { assertAppendsFitStreams } from '../batch-invariants';
import { IdempotencyConflictError } from '../errors';
import { AppendResult, ExpectedRevision, StreamAppend } from '../event-store.port';
import { revisionConflict } from '../expected-revision';
import { fastCanonicalBody as canonicalBody } from '../sqlite/canonical-body';
import { qualified } from './schema';

interface AppendRow {
  append_no: number;
  event_id: string | null;
  event_position: bigint | null;
  revision: bigint;
  recorded: string | null;
  fresh: boolean | null;
}

/** Where transaction time comes from: the database server's clock (one clock for every Parley server), or an injected one. */
export type RecordedAtSource = 'database' | (() => Date);

/**
 * Every stream's events in one statement, hence one transaction: `append_events` (schema.ts) takes
 * the append lock, checks ids (same id + same content = duplicate, other content = conflict) and
 * expected revisions in the database, inserts, notifies and commits, or rolls everything back.
 * Nothing is decided from state read by an earlier round trip, so two Parley servers appending the
 * same id at once cannot both store it: the second waits for the lock and then finds the first's row.
 */
export const postgresAppend = (pool: Pool, schema: string, recordedAt: RecordedAtSource) => {
  const sql = `SELECT append_no, event_id, event_position, revision, recorded, fresh
    FROM ${qualified(schema, 'append_events')}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;

  return async (appends: readonly StreamAppend[]): Promise<AppendResult[]> => {
    assertAppendsFitStreams(appends);
    const batches = appends.map(({ stream, events, expectedRevision }) => ({ stream, expected: expectedRevision ?? 'any', events: uniqueEvents(events) }));
    const events = batches.flatMap((b) => b.events);
    const params = [
      batches.map((b) => b.stream),
      batches.map((b) => String(b.expected)),
      batches.map((b) => b.events.length),
      events.map((e) => e.event.id),
      events.map((e) => e.event.type),
      events.map((e) => e.event.negotiation),
      events.map((e) => e.event.issue ?? null),
      events.map((e) => e.event.party ?? null),
      events.map((e) => e.event.occurredAt),
      events.map((e) => schemaVersionOf(e.event.type)),
      events.map((e) => e.body),
      recordedAt === 'database' ? null : recordedAt().toISOString(),
    ];
    let rows: AppendRow[];
    try {
      rows = (await pool.query<AppendRow>({ text: sql, values: params })).rows;
    } catch (error) {
      throw translate(error, batches);
    }
    return batches.map((batch, index) => resultOf(batch.events.map((e) => e.event), rows.filter((r) => r.append_no === index + 1)));
  };
};

/** The batch's events once each (a repeated id with the same content counts once); a repeated id with other content is refused. */
const uniqueEvents = (events: readonly ParleyEvent[]): { event: ParleyEvent; body: string }[] => {
  const seen = new Map<string, string>();
  const unique: { event: ParleyEvent; body: string }[] = [];
  for (const event of events) {
    const body = canonicalBody(event);
    const earlier = seen.get(event.id);
    if (earlier !== undefined) {
      if (earlier !== body) throw new IdempotencyConflictError(event.id);
      continue;
    }
    seen.set(event.id, body);
    unique.push({ event, body });
  }
  return unique;
};

const resultOf = (events: readonly ParleyEvent[], rows: readonly AppendRow[]): AppendResult => {
  const byId = new Map(events.map((e) => [e.id, e]));
  const stored: StoredEvent[] = [];
  let next = -1n;
  let appended = 0;
  for (const row of rows) {
    if (row.event_id === null) {
      next = row.revision;
      continue;
    }
    // Same id, same content (the database compared digests): the submitted event is what is stored.
    const event = byId.get(row.event_id) as ParleyEvent;
    stored.push({ ...event, position: row.event_position as bigint, streamRevision: row.revision, recordedAt: row.recorded as string });
    if (row.fresh) appended++;
  }
  return { nextExpectedRevision: next, events: stored, appended, duplicates: stored.length - appended };
};

/** The database's refusals, as the port's errors (whose fields name what was wrong). */
const translate = (error: unknown, batches: readonly { stream: string; expected: ExpectedRevision }[]): unknown => {
  const { code, detail } = error as Partial<DatabaseError>;
  if (code === 'PRL01' && detail) {
    const { stream, actual } = JSON.parse(detail) as { stream: string; actual: string };
    const expected = batches.find((b) => b.stream === stream)?.expected ?? 'any';
    return revisionConflict(stream, expected, BigInt(actual));
  }
  if (code === 'PRL02' && detail) {
    const { eventId, storedPosition } = JSON.parse(detail) as { eventId: string; storedPosition: string };
    return new IdempotencyConflictError(eventId, BigInt(storedPosition));
  }
  return error;
};
