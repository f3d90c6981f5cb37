import { streamOf } from '../../events';
import { getPostgresEventStore, PostgresEventStore } from '../../src/store/postgres/get-postgres-event-store';
import { collect, events } from '../support/event-builders';
import { PostgresServer, startPostgresServer } from '../support/postgres-server';

const NAFTA = streamOf('nafta-renegotiation');

let server: PostgresServer;
let store: PostgresEventStore;

beforeAll(async () => {
  server = await startPostgresServer();
  store = await getPostgresEventStore({ connectionString: `${await server.createDatabase('large')}?schema=parley` });
}, 60_000);
afterAll(async () => {
  await store?.close();
  await server?.stop();
});

/**
 * append_events reads its arrays with unnest since schema version 2 (a subscript per row made a
 * large append quadratic: 32 000 events took 40 s). How fast is bench scenario 9's business; here,
 * that the rewritten function stores and answers exactly as before, at a size where order and
 * numbering mistakes would show.
 */
describe('a large append to PostgreSQL', () => {
  it('given 12 000 stored events, when a batch of those and 12 000 new ones is appended, then the new ones follow the head in batch order and the stored ones answer at their first positions', async () => {
    const batch = events(24_000);
    const first = await store.append(NAFTA, batch.slice(0, 12_000));
    expect(first.appended).toBe(12_000);
    const head = await store.headPosition();

    const retried = await store.append(NAFTA, batch);

    expect(retried).toMatchObject({ appended: 12_000, duplicates: 12_000, nextExpectedRevision: 23_999n });
    expect(retried.events.slice(0, 12_000).map((e) => e.position)).toEqual(first.events.map((e) => e.position));
    expect(retried.events.slice(12_000).map((e) => [e.id, e.position, e.streamRevision])).toEqual(
      batch.slice(12_000).map((e, i) => [e.id, head + BigInt(i + 1), BigInt(12_000 + i)]),
    );
    const stored = await collect(store.readAll({ fromPosition: head }));
    expect(stored.map((e) => e.id)).toEqual(batch.slice(12_000).map((e) => e.id));
  });
});
