import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParleyEvent } from '../../events';
import { EventStore } from '../../src/store/event-store.port';
import { toJson } from '../../src/http/json';
import { threadDraftWriter } from '../../src/store/sqlite/draft-writers';
import * as readAllModule from '../../src/store/sqlite/read-all';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';

const statements = (n: number, negotiation: string): ParleyEvent[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${negotiation}-${i}`, type: 'StatementIssued', negotiation, occurredAt: '2020-01-01', data: { speaker: 'a', quote: `q${i}` } }) as ParleyEvent);

/** How many turns the event loop takes while `work` is in flight (a setImmediate chain counts them). */
const turnsDuring = async <T>(work: () => Promise<T>): Promise<{ turns: number; result: T }> => {
  let turns = 0;
  let running = true;
  const spin = (): void => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    return { result: await work(), turns };
  } finally {
    running = false;
  }
};

describe('a file store commits on its writer thread', () => {
  let dir: string;
  let store: EventStore | undefined;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'parley-writer-'))));
  afterEach(async () => {
    await store?.close();
    store = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a file store, when 60 000 events over two negotiations are appended at once, then the event loop keeps turning meanwhile, and every event is stored in order', async () => {
    store = getSQLiteEventStore({ path: join(dir, 'parley.db') });
    const appends = [
      { stream: 'negotiation-a', events: statements(30_000, 'a'), expectedRevision: 'no_stream' as const },
      { stream: 'negotiation-b', events: statements(30_000, 'b'), expectedRevision: 'no_stream' as const },
    ];
    const { turns, result } = await turnsDuring(() => store!.appendToStreams(appends));
    // On the event loop, the transaction alone was one turn of about a second; now other work runs between slices.
    expect(turns).toBeGreaterThan(100);
    expect(result.map((r) => [r.appended, r.nextExpectedRevision])).toEqual([[30_000, 29_999n], [30_000, 29_999n]]);
    expect(result[1].events[29_999]).toMatchObject({ id: 'b-29999', position: 60_000n, streamRevision: 29_999n, data: { quote: 'q29999' } });
    expect(await store.headPosition()).toBe(60_000n);
    expect(await store.getEvent('a-12345')).toMatchObject({ position: 12_346n, streamRevision: 12_345n });
  });

  it('given an in-memory store and a file store with the writer inline, when the same appends and retries run, then both answer exactly as the writer thread does', async () => {
    const run = async (s: EventStore) => {
      const first = await s.append('negotiation-a', statements(3, 'a'), { expectedRevision: 'no_stream' });
      const retried = await s.append('negotiation-a', statements(3, 'a'), { expectedRevision: 'no_stream' });
      const conflict = await s.append('negotiation-a', statements(4, 'a').slice(3), { expectedRevision: 7n }).catch((error: Error) => error.message);
      const strip = (r: typeof first) => ({ ...r, events: r.events.map(({ recordedAt: _, ...e }) => e) });
      const answer = { first: strip(first), retried: strip(retried), conflict };
      await s.close();
      return answer;
    };
    const threaded = await run(getSQLiteEventStore({ path: join(dir, 'thread.db') }));
    expect(threaded.retried.duplicates).toBe(3);
    expect(threaded.conflict).toContain('expected revision 7');
    expect(await run(getSQLiteEventStore({ path: join(dir, 'inline.db'), writer: 'inline' }))).toEqual(threaded);
    expect(await run(getSQLiteEventStore({ path: ':memory:' }))).toEqual(threaded);
  });

  it('given a writer thread that dies with a write waiting, then that write fails naming the thread, and the next write starts a new thread and is stored', async () => {
    const path = join(dir, 'parley.db');
    store = getSQLiteEventStore({ path });
    await store.append('negotiation-a', statements(1, 'a'));
    const writer = threadDraftWriter(path, {}, () => join(__dirname, '../support/dying-writer.worker.js'));
    const draft = (id: string) => ({ id, type: 'StatementIssued', negotiation: 'a', issue: null, party: null, occurredAt: '2020-01-01', schemaVersion: 1, body: `{"id":"${id}"}` });
    const append = (id: string) => writer.write([{ stream: 'negotiation-a', drafts: [draft(id)], expectedRevision: 'any' }], '2026-12-03T00:00:00.000Z');
    await expect(append('lost')).rejects.toThrow('SQLite writer thread exited (code 3)');
    const [stored] = await append('kept');
    expect(stored).toMatchObject({ appended: 1, nextExpectedRevision: 1n });
    await writer.close();
    expect(await store.getEvent('lost')).toBeUndefined();
    expect(await store.getEvent('kept')).toMatchObject({ position: 2n });
  });

  it('given a write waiting on the writer thread, when the store is closed, then the write is committed first and the thread ends', async () => {
    const path = join(dir, 'parley.db');
    const first = getSQLiteEventStore({ path });
    const pending = first.append('negotiation-a', statements(5_000, 'a'));
    await first.close();
    await expect(pending).resolves.toMatchObject({ appended: 5_000 });
    store = getSQLiteEventStore({ path });
    expect(await store.headPosition()).toBe(5_000n);
  });

  it('given a subscriber and another connection that commits between two appends of this process, then the subscriber still gets every event once, in position order (the handover leaves a gap, and the tail reads across it)', async () => {
    const path = join(dir, 'parley.db');
    // No cross-process poll: only the gap in the handed-over positions can make the tail read.
    store = getSQLiteEventStore({ path, crossProcessPollMs: 600_000 });
    const other = getSQLiteEventStore({ path });
    try {
      const open = store;
      const delivered: bigint[] = [];
      const subscription = open.subscribe().subscribe((message) => message.kind === 'event' && delivered.push(message.event.position));
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (let round = 0; round < 5; round++) {
        await other.append(`negotiation-other-${round}`, statements(2, `other-${round}`));
        await open.append(`negotiation-mine-${round}`, statements(3, `mine-${round}`));
      }
      for (let tries = 0; delivered.length < 25 && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
      subscription.unsubscribe();
      expect(delivered).toEqual(Array.from({ length: 25 }, (_, i) => BigInt(i + 1)));
    } finally {
      await other.close();
    }
  });

  it('given a subscriber, when writers of this process append, then the live tail takes their events from the commits, not from reads of the log, and delivers exactly what a read of the log gives, in order', async () => {
    // Counts the live tail's reads: every read the store makes goes through the function sqliteReadAll returns.
    let reads = 0;
    const original = readAllModule.sqliteReadAll;
    const spy = jest.spyOn(readAllModule, 'sqliteReadAll').mockImplementation((db) => {
      const readAll = original(db);
      return (options) => {
        reads++;
        return readAll(options);
      };
    });
    try {
      // No cross-process poll during the test: it would read whenever the writer thread's commits change data_version.
      store = getSQLiteEventStore({ path: join(dir, 'parley.db'), crossProcessPollMs: 600_000 });
    } finally {
      spy.mockRestore();
    }
    const open = store;
    const delivered: string[] = [];
    const subscription = open.subscribe().subscribe((message) => message.kind === 'event' && delivered.push(toJson(message.event)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const readsBefore = reads;
    await Promise.all(['talks-a', 'talks-b', 'talks-c'].map((negotiation) => open.append(`negotiation-${negotiation}`, statements(40, negotiation))));
    for (let round = 0; round < 5; round++) {
      await Promise.all(Array.from({ length: 6 }, (_, i) => open.append(`negotiation-talks-${round}-${i}`, statements(1, `talks-${round}-${i}`))));
    }
    for (let tries = 0; delivered.length < 150 && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    subscription.unsubscribe();
    expect(reads).toBe(readsBefore);
    const read: string[] = [];
    for await (const event of open.readAll()) read.push(toJson(event));
    expect(read).toHaveLength(150);
    expect(delivered).toEqual(read);
  });
});

describe('a long read of the SQLite store gives the event loop turns', () => {
  it('given 40 000 stored events, when they are read with for await, then the event loop turns during the read (its promises alone would never let it)', async () => {
    const store = getSQLiteEventStore({ path: ':memory:' });
    await store.append('negotiation-a', statements(40_000, 'a'));
    let read = 0;
    const { turns } = await turnsDuring(async () => {
      for await (const event of store.readAll()) if (event.position > 0n) read++;
    });
    expect(read).toBe(40_000);
    expect(turns).toBeGreaterThan(1);
    await store.close();
  });
});

