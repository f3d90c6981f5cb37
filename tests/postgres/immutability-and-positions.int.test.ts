import { Client } from 'pg';
import { firstValueFrom } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import { streamOf } from '../../events';
import { grantApplicationRoleSql } from '../../src/store/postgres/schema';
import { getPostgresEventStore, PostgresEventStore } from '../../src/store/postgres/get-postgres-event-store';
import { collect, events } from '../support/event-builders';
import { PostgresServer, startPostgresServer } from '../support/postgres-server';

const NAFTA = streamOf('nafta-renegotiation');

let server: PostgresServer;
let database: string;
let store: PostgresEventStore;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
  database = await server.createDatabase('immutable');
  store = await getPostgresEventStore({ connectionString: `${database}?schema=ledger` });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await store?.close();
  await server?.stop();
});

const connect = async (url: string): Promise<Client> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
};

describe('rule 4: the database enforces immutability', () => {
  it('given stored events, when even the superuser tries UPDATE, DELETE or TRUNCATE, then the triggers refuse and nothing changes', async () => {
    await store.append(NAFTA, events(2));
    const owner = await connect(database);
    await expect(owner.query("UPDATE ledger.events SET occurred_at = '1999'")).rejects.toMatchObject({ code: 'PRL09', message: 'events are immutable: UPDATE refused' });
    await expect(owner.query('DELETE FROM ledger.events')).rejects.toMatchObject({ message: 'events are immutable: DELETE refused' });
    await expect(owner.query('TRUNCATE ledger.events')).rejects.toMatchObject({ message: 'events are immutable: TRUNCATE refused' });
    expect((await owner.query('SELECT count(*)::int AS n FROM ledger.events')).rows).toEqual([{ n: 2 }]);
  });

  it('given the documented application role (SELECT and INSERT on events only), then Parley runs under it, and it can neither rewrite events nor switch the triggers off', async () => {
    const owner = await connect(database);
    await owner.query("CREATE ROLE parley_app LOGIN PASSWORD 'app-secret'");
    await owner.query(grantApplicationRoleSql('ledger', 'parley_app'));
    const appUrl = database.replace(/\/\/postgres:[^@]*@/, '//parley_app:app-secret@') + '?schema=ledger';

    const asApp = await getPostgresEventStore({ connectionString: appUrl });
    try {
      const before = (await collect(asApp.readAll())).length;
      const { appended } = await asApp.append(NAFTA, events(3));
      expect(appended).toBe(3);
      const [caughtUp] = await firstValueFrom(asApp.subscribe({ fromPosition: 0n }).pipe(filter((m) => m.kind === 'caught-up'), take(1), toArray()));
      expect(caughtUp).toMatchObject({ kind: 'caught-up', position: await asApp.headPosition() });
      await asApp.storeCheckpoint('dashboard', 7n);
      expect(await asApp.readCheckpoint('dashboard')).toBe(7n);
      expect(await collect(asApp.readAll())).toHaveLength(before + 3);
    } finally {
      await asApp.close();
    }

    const app = await connect(appUrl.replace('?schema=ledger', ''));
    await expect(app.query("UPDATE ledger.events SET occurred_at = '1999'")).rejects.toMatchObject({ message: 'permission denied for table events' });
    await expect(app.query('DELETE FROM ledger.events')).rejects.toMatchObject({ message: 'permission denied for table events' });
    await expect(app.query('TRUNCATE ledger.events')).rejects.toMatchObject({ message: 'permission denied for table events' });
    await expect(app.query('ALTER TABLE ledger.events DISABLE TRIGGER USER')).rejects.toMatchObject({ message: 'must be owner of table events' });
    await expect(app.query('DROP TABLE ledger.events')).rejects.toMatchObject({ message: 'must be owner of table events' });
  });
});

describe('schema upgrades', () => {
  it('given a schema an older Parley installed (version 1) and the restricted role, when Parley starts under the role, then it runs on the installed schema and warns; started once as the owner, it upgrades the schema', async () => {
    const owner = await connect(database);
    await owner.query("DO $$ BEGIN CREATE ROLE parley_app LOGIN PASSWORD 'app-secret'; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    await owner.query(grantApplicationRoleSql('ledger', 'parley_app'));
    await owner.query('DELETE FROM ledger.schema_version');
    await owner.query('INSERT INTO ledger.schema_version (version) VALUES (1)');
    const appUrl = database.replace(/\/\/postgres:[^@]*@/, '//parley_app:app-secret@') + '?schema=ledger';
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const asApp = await getPostgresEventStore({ connectionString: appUrl });
      try {
        expect((await asApp.append(NAFTA, events(2))).appended).toBe(2);
      } finally {
        await asApp.close();
      }
      expect(warn.mock.calls).toEqual([
        [expect.stringContaining("PostgreSQL schema ledger is at version 1, this Parley's is 2"), { code: 'PARLEY_SCHEMA_OUTDATED' }],
      ]);
    } finally {
      warn.mockRestore();
    }

    const asOwner = await getPostgresEventStore({ connectionString: `${database}?schema=ledger` });
    await asOwner.close();
    expect((await owner.query('SELECT max(version) AS version FROM ledger.schema_version')).rows).toEqual([{ version: 2 }]);
  });

  it('given a schema at version 1 on a server that refuses writes (a standby), when Parley starts, then it reads from the installed schema and warns instead of failing', async () => {
    const owner = await connect(database);
    await owner.query('DELETE FROM ledger.schema_version');
    await owner.query('INSERT INTO ledger.schema_version (version) VALUES (1)');
    const name = database.slice(database.lastIndexOf('/') + 1);
    await owner.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const standby = await getPostgresEventStore({ connectionString: `${database}?schema=ledger` });
      try {
        expect((await collect(standby.readAll())).length).toBeGreaterThan(0);
        expect(await standby.health()).toMatchObject({ connected: true, writable: false });
      } finally {
        await standby.close();
      }
      expect(warn.mock.calls).toEqual([[expect.stringContaining('PostgreSQL schema ledger is at version 1'), { code: 'PARLEY_SCHEMA_OUTDATED' }]]);
    } finally {
      warn.mockRestore();
      await owner.query(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
    }
    const upgraded = await getPostgresEventStore({ connectionString: `${database}?schema=ledger` });
    await upgraded.close();
    expect((await owner.query('SELECT max(version) AS version FROM ledger.schema_version')).rows).toEqual([{ version: 2 }]);
  });
});

describe('rule 5: positions are int8 end to end', () => {
  it('given a store whose positions start at 2^60, then positions, reads from a position, subscriptions, lookups and checkpoints are exact BigInts', async () => {
    const big = 2n ** 60n;
    const owner = await connect(database);
    const bigStore = await getPostgresEventStore({ connectionString: `${database}?schema=big` });
    try {
      // The head row is the one mutable thing an operator may set: where the next position starts.
      await owner.query('UPDATE big.head SET position = $1', [big.toString()]);
      const batch = events(3);
      const result = await bigStore.append(NAFTA, batch);
      expect(result.events.map((e) => e.position)).toEqual([big + 1n, big + 2n, big + 3n]);
      expect((await collect(bigStore.readAll())).map((e) => e.position)).toEqual([big + 1n, big + 2n, big + 3n]);
      expect((await collect(bigStore.readAll({ fromPosition: big + 1n }))).map((e) => e.id)).toEqual([batch[1].id, batch[2].id]);
      expect((await collect(bigStore.readAll({ direction: 'backwards', fromPosition: big + 3n }))).map((e) => e.id)).toEqual([batch[1].id, batch[0].id]);
      expect(await bigStore.headPosition()).toBe(big + 3n);
      expect((await bigStore.getEvent(batch[2].id))?.position).toBe(big + 3n);
      const live = firstValueFrom(bigStore.subscribe({ fromPosition: big + 2n }).pipe(filter((m) => m.kind === 'event'), take(2), toArray()));
      await bigStore.append(NAFTA, events(1));
      expect((await live).map((m) => (m.kind === 'event' ? m.event.position : undefined))).toEqual([big + 3n, big + 4n]);
      await bigStore.storeCheckpoint('far', big + 4n);
      expect(await bigStore.readCheckpoint('far')).toBe(big + 4n);
      expect(big + 4n > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    } finally {
      await bigStore.close();
    }
  });
});

describe('health', () => {
  it('given a reachable server, then health reports connected and writable; given one that refuses writes (read-only, as a standby would), then not writable', async () => {
    expect(await store.health()).toMatchObject({ connected: true, writable: true, serverVersion: expect.stringMatching(/^18\./) });
    const owner = await connect(database);
    const name = database.slice(database.lastIndexOf('/') + 1);
    await owner.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    const readOnly = await getPostgresEventStore({ connectionString: `${database}?schema=ledger` });
    try {
      expect(await readOnly.health()).toMatchObject({ connected: true, writable: false });
    } finally {
      await readOnly.close();
      await owner.query(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
    }
  });
});
