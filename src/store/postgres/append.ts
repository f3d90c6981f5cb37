import type { Pool } from 'pg';
import { ParleyEvent, schemaVersionOf, StoredEvent } from '../../../events';
import { loopSlices } from '../../core/loop-slices';
import { assertAppendsFitStreams } from '../batch-invariants';
import { IdempotencyConflictError } from '../errors';
import { AppendResult, ExpectedRevision, StreamAppend } from '../event-store.port';
import { revisionConflict } from '../expected-revision';
import { fastCanonicalBody as canonicalBody } from '../sqlite/canonical-body';
import { qualified } from './schema';

interface AppendRow {
  call_no: number;
  append_no: number | null;
  event_id: string | null;
  event_position: bigint | null;
  revision: bigint | null;
  recorded: string | null;
  fresh: boolean | null;
  error_code: string | null;
  error_detail: string | null;
}

/** Where transaction time comes from: the database server's clock (one clock for every Parley server), or an injected one. */
export type RecordedAtSource = 'database' | (() => Date);

interface Batch {
  stream: string;
  expected: ExpectedRevision;
  events: { event: ParleyEvent; body: string }[];
}

interface Call {
  batches: Batch[];
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

/** A group never holds more than this many calls (each is a subtransaction) or events. */
const MAX_CALLS = 50;
const MAX_EVENTS = 5_000;

/**
 * Appends through `append_events` (schema.ts): the append lock, the id and content checks and the
 * expected revisions are all in the database, in one statement, so nothing is decided on state an
 * earlier round trip read, and two Parley servers appending the same id cannot both store it (the
 * second waits for the lock, then finds the first's row).
 *
 * Group commit: while one statement is in flight, calls queue up; the next statement carries all
 * of them (each in its own subtransaction, so a conflict refuses only its own call) and one WAL
 * flush makes them all durable. Under the store-wide lock this is what lets throughput grow with
 * load instead of stopping at one commit per disk flush. Every caller is answered only after the
 * commit that holds its events.
 */
export const postgresAppend = (pool: Pool, schema: string, recordedAt: RecordedAtSource) => {
  const sql = `SELECT call_no, append_no, event_id, event_position, revision, recorded, fresh, error_code, error_detail
    FROM ${qualified(schema, 'append_events')}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;
  const queue: Call[] = [];
  let inFlight = false;

  const flush = async (): Promise<void> => {
    if (inFlight || queue.length === 0) return;
    inFlight = true;
    const group = takeGroup(queue);
    try {
      const { rows } = await pool.query<AppendRow>({ text: sql, values: paramsOf(group, recordedAt) });
      const byCall = group.map((): AppendRow[] => []);
      for (const row of rows) byCall[row.call_no - 1].push(row);
      for (let index = 0; index < group.length; index++) await settle(group[index], byCall[index]);
    } catch (error) {
      group.forEach((call) => call.reject(error));
    } finally {
      inFlight = false;
      void flush();
    }
  };

  return async (appends: readonly StreamAppend[]): Promise<AppendResult[]> => {
    await assertAppendsFitStreams(appends);
    const batches: Batch[] = [];
    for (const { stream, events, expectedRevision } of appends) batches.push({ stream, expected: expectedRevision ?? 'any', events: await uniqueEvents(events) });
    return new Promise<AppendResult[]>((resolve, reject) => {
      queue.push({ batches, resolve, reject });
      void flush();
    });
  };
};

const takeGroup = (queue: Call[]): Call[] => {
  let events = 0;
  let count = 0;
  while (count < queue.length && count < MAX_CALLS) {
    const size = queue[count].batches.reduce((n, b) => n + b.events.length, 0);
    if (count > 0 && events + size > MAX_EVENTS) break;
    events += size;
    count++;
  }
  return queue.splice(0, count);
};

const paramsOf = (group: readonly Call[], recordedAt: RecordedAtSource): unknown[] => {
  const batches = group.flatMap((call) => call.batches);
  const events = batches.flatMap((b) => b.events);
  return [
    group.map((call) => call.batches.length),
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
};

/**
 * The batch's events once each (a repeated id with the same content counts once); a repeated id with
 * other content is refused. A large batch is walked in slices (loopSlices), as are its results.
 */
const uniqueEvents = async (events: readonly ParleyEvent[]): Promise<{ event: ParleyEvent; body: string }[]> => {
  const seen = new Map<string, string>();
  const unique: { event: ParleyEvent; body: string }[] = [];
  const slice = loopSlices();
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if ((i & 255) === 255) await slice();
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

/** One call's rows: its results per append, or the refusal that rolled the whole call back. */
const settle = async (call: Call, rows: readonly AppendRow[]): Promise<void> => {
  const failed = rows.find((r) => r.error_code !== null);
  if (failed) return call.reject(translate(failed, call.batches));
  // Appends are numbered across the group: the call's first append is the lowest number among its rows
  // (a loop, not Math.min(...rows): a spread of 100 000 arguments overflows the stack).
  let first = Number.POSITIVE_INFINITY;
  for (const row of rows) first = Math.min(first, row.append_no as number);
  const byAppend = call.batches.map((): AppendRow[] => []);
  for (const row of rows) byAppend[(row.append_no as number) - first].push(row);
  const results: AppendResult[] = [];
  for (let i = 0; i < call.batches.length; i++) results.push(await resultOf(call.batches[i], byAppend[i]));
  call.resolve(results);
};

const resultOf = async (batch: Batch, rows: readonly AppendRow[]): Promise<AppendResult> => {
  const byId = new Map(batch.events.map((e) => [e.event.id, e.event]));
  const stored: StoredEvent[] = [];
  let next = -1n;
  let appended = 0;
  const slice = loopSlices();
  for (const row of rows) {
    if ((stored.length & 255) === 255) await slice();
    if (row.event_id === null) {
      next = row.revision as bigint;
      continue;
    }
    // Same id, same content (the database compared digests): the submitted event is what is stored.
    const event = byId.get(row.event_id) as ParleyEvent;
    stored.push({ ...event, position: row.event_position as bigint, streamRevision: row.revision as bigint, recordedAt: row.recorded as string });
    if (row.fresh) appended++;
  }
  return { nextExpectedRevision: next, events: stored, appended, duplicates: stored.length - appended };
};

/** The database's refusal, as the port's error (whose fields name what was wrong). */
const translate = (row: AppendRow, batches: readonly Batch[]): Error => {
  if (row.error_code === 'PRL01') {
    const { stream, actual } = JSON.parse(row.error_detail as string) as { stream: string; actual: string };
    const expected = batches.find((b) => b.stream === stream)?.expected ?? 'any';
    return revisionConflict(stream, expected, BigInt(actual));
  }
  const { eventId, storedPosition } = JSON.parse(row.error_detail as string) as { eventId: string; storedPosition: string };
  return new IdempotencyConflictError(eventId, BigInt(storedPosition));
};

