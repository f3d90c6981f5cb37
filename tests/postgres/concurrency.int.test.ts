import { Client } from 'pg';
import { Subscription } from 'rxjs';
import { StoredEvent, streamOf } from '../../events';
import { fixedClock } from '../../src/clock/clock';
import { canonicalBody } from '../../src/store/event-body';
import { ConcurrencyConflictError, IdempotencyConflictError } from '../../src/store/errors';
import { EventStore } from '../../src/store/event-store.port';
import { getPostgresEventStore, PostgresEventStore } from '../../src/store/postgres/get-postgres-event-store';
import { waitFor } from '../conformance/event-store.conformance';
import { anEvent, collect, events } from '../support/event-builders';
import { PostgresServer, startPostgresServer } from '../support/postgres-server';

const NAFTA = streamOf('nafta-renegotiation');

let server: PostgresServer;
let database: string;
let schemas = 0;
const open: PostgresEventStore[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
  database = await server.createDatabase('concurrency');
}, 60_000);
afterAll(() => server?.stop());
afterEach(async () => {
  await Promise.all([...open.splice(0).map((store) => store.close()), ...clients.splice(0).map((client) => client.end())]);
});

/** Two (or more) Parley servers' views of one fresh schema: separate pools, separate listeners. */
const servers = async (count: number, options: { clock?: ReturnType<typeof fixedClock> } = {}) => {
  const url = `${database}?schema=rules_${++schemas}`;
  const stores: PostgresEventStore[] = [];
  for (let i = 0; i < count; i++) stores.push(await getPostgresEventStore({ connectionString: url, ...options }));
  open.push(...stores);
  return { url, schema: `rules_${schemas}`, stores };
};

const superuser = async (): Promise<Client> => {
  const client = new Client({ connectionString: database });
  await client.connect();
  clients.push(client);
  return client;
};

const follow = (store: EventStore, fromPosition?: bigint) => {
  const received: StoredEvent[] = [];
  let subscription: Subscription | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    subscription = store.subscribe({ fromPosition }).subscribe({
      next: (m) => (m.kind === 'event' ? received.push(m.event) : resolve()),
      error: reject,
    });
  });
  return { ready, received, stop: () => subscription?.unsubscribe() };
};

describe('rule 1: a reader never passes a position whose transaction can still commit', () => {
  it('given an append in flight holding the lock, when another server appends and a reader reads, then nothing is visible until the first commits, and then both arrive in commit order with no gap', async () => {
    const { schema, stores: [reader, other] } = await servers(2);
    const first = anEvent();
    const second = anEvent();
    const subscriber = follow(reader, 0n);
    await subscriber.ready;

    // A slow writer: the same append function, inside a transaction left open.
    const slow = await superuser();
    await slow.query('BEGIN');
    const held = await slow.query(
      `SELECT event_position FROM "${schema}".append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL) WHERE event_id IS NOT NULL`,
      [[1], [NAFTA], ['any'], [1], [first.id], [first.type], [first.negotiation], [first.issue], [first.party], [first.occurredAt], [1], [canonicalBody(first)]],
    );
    const firstPosition = BigInt(held.rows[0].event_position);
    const appending = other.append(NAFTA, [second]);
    const waiting = await superuser();
    await waitUntil(async () =>
      (await waiting.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'parley' AND wait_event_type = 'Lock'")).rows[0].n === 1,
    );

    // The second writer is queued behind the lock: it has no position yet, and the first's is invisible.
    expect(await collect(reader.readAll())).toEqual([]);
    expect(subscriber.received).toEqual([]);

    await slow.query('COMMIT');
    const result = await appending;
    expect(result.events[0].position).toBe(firstPosition + 1n);
    const all = await collect(reader.readAll());
    expect(all.map((e) => e.id)).toEqual([first.id, second.id]);
    expect(all[0].recordedAt <= all[1].recordedAt).toBe(true);
    await waitFor(() => subscriber.received.length === 2);
    expect(subscriber.received.map((e) => e.id)).toEqual([first.id, second.id]);
    subscriber.stop();
  });

  it('given two servers appending concurrently while subscribers follow each, then both see every event once, in one order, with contiguous positions', async () => {
    const { stores: [a, b] } = await servers(2);
    const onA = follow(a, 0n);
    const onB = follow(b, 0n);
    await Promise.all([onA.ready, onB.ready]);
    const writer = async (store: EventStore, party: string) => {
      let written = 0;
      for (let i = 0; i < 40; i++) written += (await store.append(NAFTA, events(1 + (i % 3), () => ({ party })))).appended;
      return written;
    };
    const written = await Promise.all([writer(a, 'MX'), writer(b, 'US'), writer(a, 'CA'), writer(b, 'US')]);
    const all = await collect(a.readAll());
    expect(all).toHaveLength(4 * (40 + 39));
    expect(written.reduce((sum, n) => sum + n, 0)).toBe(all.length);
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => all[0].position + BigInt(i)));
    expect(all.map((e) => e.streamRevision)).toEqual(all.map((_, i) => BigInt(i)));
    await waitFor(() => onA.received.length === all.length && onB.received.length === all.length, 15_000);
    expect(onA.received.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(onB.received.map((e) => e.id)).toEqual(all.map((e) => e.id));
    onA.stop();
    onB.stop();
  });
});

describe('rule 2: the database enforces idempotency and expected revisions', () => {
  it('given two servers appending the same new id at the same moment, 30 times, then each id is stored once: one appends, the other reports a duplicate', async () => {
    const { stores: [a, b] } = await servers(2);
    for (let round = 0; round < 30; round++) {
      const event = anEvent();
      const [ra, rb] = await Promise.all([a.append(NAFTA, [{ ...event }]), b.append(NAFTA, [{ ...event }])]);
      expect([ra.appended, rb.appended].sort()).toEqual([0, 1]);
      expect(ra.events[0].position).toBe(rb.events[0].position);
    }
    expect(await collect(a.readAll())).toHaveLength(30);
  });

  it('given two servers appending the same id with different content at once, then exactly one is stored and the other gets an idempotency conflict naming it', async () => {
    const { stores: [a, b] } = await servers(2);
    for (let round = 0; round < 10; round++) {
      const event = anEvent();
      const outcomes = await Promise.allSettled([a.append(NAFTA, [event]), b.append(NAFTA, [{ ...event, occurredAt: '2018-06-01' }])]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(IdempotencyConflictError);
      expect(refused.reason).toMatchObject({ eventId: event.id });
    }
    expect(await collect(a.readAll())).toHaveLength(10);
  });

  it('given two servers deciding on the same revision, then exactly one wins and the other learns the actual revision', async () => {
    const { stores: [a, b] } = await servers(2);
    await a.append(NAFTA, events(1));
    const outcomes = await Promise.allSettled([
      a.append(NAFTA, events(2), { expectedRevision: 0n }),
      b.append(NAFTA, events(1), { expectedRevision: 0n }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(refused.reason).toMatchObject({ expected: 0n });
    expect([1n, 2n]).toContain(refused.reason.actual);
  });

  it('given the lock bypassed by hand-written SQL, when a row repeats an id or a stream revision, then the unique constraints refuse it', async () => {
    const { schema, stores: [store] } = await servers(1);
    const [stored] = (await store.append(NAFTA, events(1))).events;
    const client = await superuser();
    const insert = (position: number, id: string, revision: number) =>
      client.query(
        `INSERT INTO "${schema}".events (position, id, stream, stream_revision, type, negotiation, occurred_at, recorded_at, schema_version, body, body_sha256)
         VALUES ($1, $2, $3, $4, 'OfferMade', 'nafta-renegotiation', '2018', now(), 1, '{}', '\\x00')`,
        [position, id, NAFTA, revision],
      );
    await expect(insert(1000, stored.id, 7)).rejects.toMatchObject({ code: '23505', constraint: 'events_id_unique' });
    await expect(insert(1001, 'fresh-id', 0)).rejects.toMatchObject({ code: '23505', constraint: 'events_stream_revision_unique' });
  });
});

describe('rule 3: LISTEN/NOTIFY is only a wake-up', () => {
  it('given the listening connection is killed, when another server appends meanwhile, then the subscriber still receives every event and the listener reconnects', async () => {
    const { stores: [reader, writer] } = await servers(2);
    const subscriber = follow(reader, 0n);
    await subscriber.ready;
    await writer.append(NAFTA, events(2));
    await waitFor(() => subscriber.received.length === 2);

    const admin = await superuser();
    const killed = await admin.query(
      "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'parley' AND query LIKE 'LISTEN%' AND datname = current_database()",
    );
    expect(killed.rows).toEqual([{ ok: true }]);
    await writer.append(NAFTA, events(3));
    await waitFor(() => subscriber.received.length === 5, 10_000);
    await waitUntil(async () => (await reader.health()).listening && (await reader.health()).listenerReconnects >= 1);
    await writer.append(NAFTA, events(1));
    await waitFor(() => subscriber.received.length === 6, 10_000);
    const all = await collect(reader.readAll());
    expect(subscriber.received.map((e) => e.id)).toEqual(all.map((e) => e.id));
    subscriber.stop();
  });

  it('given a commit that NOTIFY never announces (a row written by hand), then the timed poll still delivers it', async () => {
    const { schema, stores: [reader] } = await servers(1);
    const subscriber = follow(reader, 0n);
    await subscriber.ready;
    const admin = await superuser();
    const event = anEvent();
    await admin.query(
      `INSERT INTO "${schema}".events (position, id, stream, stream_revision, type, negotiation, issue, party, occurred_at, recorded_at, schema_version, body, body_sha256)
       VALUES (1, $1, $2, 0, $3, $4, $5, $6, $7, now(), 1, $8, sha256(convert_to($8, 'UTF8')))`,
      [event.id, NAFTA, event.type, event.negotiation, event.issue, event.party, event.occurredAt, canonicalBody(event)],
    );
    await waitFor(() => subscriber.received.length === 1, 10_000);
    expect(subscriber.received[0].id).toBe(event.id);
    subscriber.stop();
  });

  it('given an append rolled back by a conflict, then no subscriber is woken with anything and the next append arrives alone', async () => {
    const { stores: [reader, writer] } = await servers(2);
    const [first] = events(1);
    await writer.append(NAFTA, [first]);
    const subscriber = follow(reader);
    await subscriber.ready;
    await expect(writer.append(NAFTA, [anEvent(), { ...first, party: 'US' }])).rejects.toBeInstanceOf(IdempotencyConflictError);
    const next = anEvent();
    await writer.append(NAFTA, [next]);
    await waitFor(() => subscriber.received.length === 1);
    expect(subscriber.received.map((e) => e.id)).toEqual([next.id]);
    subscriber.stop();
  });
});

describe('rule 5: recordedAt never runs backwards along positions', () => {
  it('given a clock that jumps back, when more events are appended, then their recordedAt stays at the last one', async () => {
    const clock = fixedClock('2026-03-01T12:00:00.000Z');
    const { stores: [store] } = await servers(1, { clock });
    await store.append(NAFTA, events(1));
    clock.set('2026-02-01T00:00:00.000Z');
    await store.append(NAFTA, events(1));
    clock.set('2026-03-02T00:00:00.000Z');
    await store.append(NAFTA, events(1));
    expect((await collect(store.readAll())).map((e) => e.recordedAt)).toEqual([
      '2026-03-01T12:00:00.000Z',
      '2026-03-01T12:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
  });

  it('given the database clock and three servers appending at once, then recordedAt is non-decreasing in position order', async () => {
    const { stores } = await servers(3);
    await Promise.all(stores.map(async (store) => {
      for (let i = 0; i < 30; i++) await store.append(NAFTA, events(1));
    }));
    const all = await collect(stores[0].readAll());
    expect(all).toHaveLength(90);
    const times = all.map((e) => e.recordedAt);
    expect(times).toEqual([...times].sort());
    expect(times.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(t))).toBe(true);
  });
});

describe('PostgreSQL: named checkpoints are counted, so new names can be bounded', () => {
  it('given three names stored (one of them twice) by two servers, then both count three', async () => {
    const { stores } = await servers(2);
    expect(await stores[0].countCheckpoints?.()).toBe(0);
    await stores[0].storeCheckpoint('archiver', 5n);
    await stores[1].storeCheckpoint('mirror', 7n);
    await stores[1].storeCheckpoint('archiver', 9n);
    await stores[0].storeCheckpoint('search', 1n);
    expect(await stores[0].countCheckpoints?.()).toBe(3);
    expect(await stores[1].countCheckpoints?.()).toBe(3);
    expect(await stores[0].readCheckpoint('archiver')).toBe(9n);
  });
});

/** Polls an asynchronous condition (every 10 ms, at most 10 s); the test asserts on state, never on time. */
const waitUntil = async (condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};
