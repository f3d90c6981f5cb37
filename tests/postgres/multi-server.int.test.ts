import { ChildProcess } from 'node:child_process';
import { getPostgresEventStore } from '../../src/store/postgres/get-postgres-event-store';
import { exited, startParley } from '../kurrentdb/run-cli';
import { collect } from '../support/event-builders';
import { PostgresServer, startPostgresServer } from '../support/postgres-server';
import { SseClient } from '../support/sse-client';

jest.setTimeout(120_000);

const SUBSCRIBERS = 20;
const WRITERS_PER_SERVER = 4;
const POSTS_PER_WRITER = 20;

let postgres: PostgresServer;
let database: string;
const servers: { child: ChildProcess; url: string }[] = [];

/** One Parley server process on the shared database. */
const startServer = async (): Promise<{ child: ChildProcess; url: string }> => {
  const started = await startParley(['serve', '--store', database, '--port', '0', '--no-history'], /Parley is serving http:\/\/\S+/, 60_000);
  const url = /Parley is serving (http:\/\/\S+)/.exec(started.stdout())?.[1] as string;
  return { child: started.child, url };
};

beforeAll(async () => {
  postgres = await startPostgresServer();
  database = await postgres.createDatabase('multi');
  // Both start at once: the schema is installed once, under an advisory lock.
  servers.push(...(await Promise.all([startServer(), startServer()])));
}, 120_000);
afterAll(async () => {
  for (const { child } of servers) {
    child.kill('SIGTERM');
    await exited(child);
  }
  await postgres?.stop();
});

const statement = (id: string, negotiation: string, quote: string) => ({
  id, type: 'StatementIssued', negotiation, party: 'US', occurredAt: '2026-07-01', confidence: 'reported', data: { speaker: 'USTR', quote },
});

const post = async (url: string, body: unknown) => {
  const response = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { appended: number; duplicates: number } };
};

describe('two Parley servers on one PostgreSQL', () => {
  it('given writers on both and 20 SSE subscribers spread over both, then every subscriber gets every event once, in one order, with no gap, and no writer sees an error', async () => {
    const subscribers = await Promise.all(
      Array.from({ length: SUBSCRIBERS }, (_, i) => SseClient.open(`${servers[i % 2].url}/subscriptions/events?fromPosition=0`)),
    );
    expect(subscribers.map((s) => s.status)).toEqual(subscribers.map(() => 200));
    await Promise.all(subscribers.map((s) => s.waitForComment('caught-up')));

    const failures: string[] = [];
    let appended = 0;
    const writer = async (server: number, writerNo: number) => {
      for (let i = 0; i < POSTS_PER_WRITER; i++) {
        const id = `s${server}-w${writerNo}-${i}`;
        const negotiation = ['usmca-review-2026', 'steel-aluminum-talks-2025'][i % 2];
        // Every fifth POST is a batch over both negotiations: one transaction, all or nothing.
        const body =
          i % 5 === 4
            ? [statement(`${id}-a`, 'usmca-review-2026', `batch ${id}`), statement(`${id}-b`, 'steel-aluminum-talks-2025', `batch ${id}`)]
            : statement(id, negotiation, `single ${id}`);
        const { status, body: result } = await post(servers[server].url, body);
        if (status !== 201) failures.push(`${id}: ${status} ${JSON.stringify(result)}`);
        else appended += result.appended;
      }
    };
    // The same new event sent to both servers at once: stored once, the other POST reports a duplicate.
    const twice = statement('sent-to-both', 'usmca-review-2026', 'once only');
    const [first, second, ...rest] = await Promise.all([
      post(servers[0].url, twice),
      post(servers[1].url, twice),
      ...Array.from({ length: WRITERS_PER_SERVER * 2 }, (_, w) => writer(w % 2, w).then(() => undefined)),
    ]);
    expect(rest).toHaveLength(WRITERS_PER_SERVER * 2);
    expect(failures).toEqual([]);
    expect([first!.status, second!.status]).toEqual([201, 201]);
    expect([first!.body.appended, second!.body.appended].sort()).toEqual([0, 1]);
    appended += 1;

    const store = await getPostgresEventStore({ connectionString: database });
    const all = await collect(store.readAll());
    await store.close();
    const expected = WRITERS_PER_SERVER * 2 * POSTS_PER_WRITER * 1.2 + 1;
    expect(all).toHaveLength(expected);
    expect(appended).toBe(expected);
    // Positions are contiguous: a subscriber that has them all in order has no gap.
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
    const order = all.map((e) => `${e.position} ${e.id}`);

    await Promise.all(subscribers.map((s) => s.waitFor(() => s.dataEvents.length >= expected, `${expected} events`, 60_000)));
    for (const subscriber of subscribers) {
      const received = subscriber.dataEvents.map((e) => `${e.id} ${(JSON.parse(e.data) as { id: string }).id}`);
      expect(received).toEqual(order);
    }
    // Cross-server delivery: subscribers on server 1 received what was written through server 0, and back.
    const onServer1 = new Set(subscribers[1].dataEvents.map((e) => (JSON.parse(e.data) as { id: string }).id));
    const onServer0 = new Set(subscribers[0].dataEvents.map((e) => (JSON.parse(e.data) as { id: string }).id));
    expect(all.filter((e) => e.id.startsWith('s0-')).every((e) => onServer1.has(e.id))).toBe(true);
    expect(all.filter((e) => e.id.startsWith('s1-')).every((e) => onServer0.has(e.id))).toBe(true);
    subscribers.forEach((s) => s.close());
  });
});
