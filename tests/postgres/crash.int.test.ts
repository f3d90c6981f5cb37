import { runAndKill } from '../support/run-and-kill';
import { PostgresServer, startPostgresServer } from '../support/postgres-server';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgresServer();
}, 60_000);
afterAll(() => server?.stop());

describe('crash safety of the PostgreSQL store', () => {
  it('given a writer of single- and multi-negotiation batches killed with SIGKILL at random moments 10 times, then every acknowledged batch is stored once and whole, no batch is partial, and positions and revisions have no hole', async () => {
    const url = await server.createDatabase('crash');
    const acknowledged = new Set<string>();
    for (let run = 0; run < 10; run++) {
      const acked = await runAndKill(url, `r${run}`, Math.floor(Math.random() * 300));
      acked.forEach((batch) => acknowledged.add(batch));
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(10);

    const database = url.slice(url.lastIndexOf('/') + 1);
    const rows = await server.sql<{ id: string; stream: string; stream_revision: string; position: string }>(
      database,
      'SELECT e.id, e.stream, e.stream_revision::text AS stream_revision, e.position::text AS position FROM parley.events e ORDER BY e.position',
    );
    const perBatch = new Map<string, number>();
    for (const { id } of rows) {
      const batch = id.slice(0, id.lastIndexOf('-'));
      perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
    }
    const sizeOf = (batch: string) => Number(batch.slice(batch.lastIndexOf('-of') + 3));
    expect([...acknowledged].filter((batch) => perBatch.get(batch) !== sizeOf(batch))).toEqual([]);
    // A batch committed just before the kill but never acknowledged may be there; a partial one may not.
    expect([...perBatch].filter(([batch, count]) => count !== sizeOf(batch))).toEqual([]);
    expect([...perBatch.keys()].filter((batch) => Number(batch.split('-')[1]) % 2 === 0).length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // A killed transaction takes its positions back with it (the head row is rolled back too).
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => String(i + 1)));
    const byStream = new Map<string, string[]>();
    for (const row of rows) byStream.set(row.stream, [...(byStream.get(row.stream) ?? []), row.stream_revision]);
    for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => String(i)));
    // Nothing is left holding the append lock.
    const [head] = await server.sql<{ position: string }>(database, 'SELECT position::text FROM parley.head');
    expect(head.position).toBe(String(rows.length));
  }, 120_000);
});
