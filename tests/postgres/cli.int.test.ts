import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoredEvent } from '../../events';
import { EventStore } from '../../src/store/event-store.port';
import { getPostgresEventStore } from '../../src/store/postgres/get-postgres-event-store';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';
import { CLI, exited, parley } from '../kurrentdb/run-cli';
import { collect } from '../support/event-builders';
import { PostgresServer, startPostgresServer } from '../support/postgres-server';

jest.setTimeout(60_000);

const HISTORY = join(__dirname, '..', '..', 'events', 'history');
const historyFiles = () => readdirSync(HISTORY).filter((f) => f.endsWith('.ndjson')).sort().map((f) => join(HISTORY, f));

const readAllOf = async (store: EventStore | Promise<EventStore>): Promise<StoredEvent[]> => {
  const opened = await store;
  try {
    return await collect(opened.readAll());
  } finally {
    await opened.close();
  }
};

/** What must survive a copy: everything but the global position, which is the target's to assign. */
const copied = ({ position, ...rest }: StoredEvent) => rest;

/** A fixed transaction time, so two runs of a point-in-time command can be compared. */
const KNOWN_AT = ['--known-at', '2030-01-01T00:00:00.000Z'];

let server: PostgresServer;
let dir: string;
let file: string;

beforeAll(async () => {
  server = await startPostgresServer();
  dir = mkdtempSync(join(tmpdir(), 'parley-pg-cli-'));
  file = join(dir, 'source.db');
  const loaded = await parley(['append', '--db', file, ...historyFiles()]);
  expect(loaded).toMatchObject({ status: 0, stderr: '' });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('parley copy between SQLite and PostgreSQL', () => {
  it('given the bundled history in SQLite, when copied to PostgreSQL and back to a new SQLite file, then ids, types, bodies, revisions, recordedAt and order are identical; a second run copies nothing', async () => {
    const pg = await server.createDatabase('copy');
    const back = join(dir, 'back.db');
    const there = await parley(['copy', '--from', file, '--to', pg, '--batch', '50']);
    expect(there.status).toBe(0);
    const source = await readAllOf(getSQLiteEventStore({ path: file }));
    expect(source.length).toBeGreaterThan(50);
    expect(JSON.parse(there.stdout)).toMatchObject({ read: source.length, copied: source.length, alreadyThere: 0 });

    const inPostgres = await readAllOf(getPostgresEventStore({ connectionString: pg }));
    expect(inPostgres.map(copied)).toEqual(source.map(copied));

    const home = await parley(['copy', '--from', pg, '--to', back]);
    expect(home.status).toBe(0);
    expect(JSON.parse(home.stdout)).toMatchObject({ read: source.length, copied: source.length });
    const roundTrip = await readAllOf(getSQLiteEventStore({ path: back }));
    expect(roundTrip.map(copied)).toEqual(source.map(copied));
    expect(roundTrip.map((e) => e.position)).toEqual(source.map((e) => e.position));

    const again = await parley(['copy', '--from', file, '--to', pg]);
    expect(JSON.parse(again.stdout)).toMatchObject({ read: source.length, copied: 0, alreadyThere: source.length });
  });
});

describe('every CLI command against PostgreSQL', () => {
  let pg: string;
  beforeAll(async () => {
    pg = await server.createDatabase('cli');
    const copiedIn = await parley(['copy', '--from', file, '--to', pg]);
    expect(copiedIn.status).toBe(0);
  });

  it.each([
    ['events', '--negotiation', 'nafta-renegotiation', '--json'],
    ['events', '--party', 'MX'],
    ['state', 'auto-rules-of-origin', '--negotiation', 'nafta-renegotiation', '--as-of', '2018-08-27', '--json', ...KNOWN_AT],
    ['state', 'auto-rules-of-origin', '--negotiation', 'nafta-renegotiation', '--as-of', '2018-08-27', ...KNOWN_AT],
    ['timeline', '--negotiation', 'nafta-renegotiation'],
    ['replay', 'auto-rules-of-origin', '--negotiation', 'nafta-renegotiation', '--json', ...KNOWN_AT],
    ['diff', 'auto-rules-of-origin', '--negotiation', 'nafta-renegotiation', '--from', '2017-10-01', '--to', '2018-10-01', '--json', ...KNOWN_AT],
    ['tariffs', '--as-of', '2018-06-01', '--json', ...KNOWN_AT],
    ['probes', '--as-of', '2025-06-01', '--json', ...KNOWN_AT],
    ['negotiation', 'nafta-renegotiation', '--as-of', '2018-10-01', '--json', ...KNOWN_AT],
  ])('given the same events in SQLite and PostgreSQL, when running `parley %s …`, then both answer identically', async (...args: string[]) => {
    const [onFile, onPostgres] = await Promise.all([parley([...args, '--db', file]), parley([...args, '--store', pg])]);
    expect(onFile.status).toBe(0);
    expect(onPostgres).toEqual(onFile);
    expect(onPostgres.stdout.length).toBeGreaterThan(20);
  });

  it('given a PostgreSQL store, when appending through the CLI while `parley tail` follows it, then the tail prints the new event', async () => {
    const reader = await getPostgresEventStore({ connectionString: pg });
    const head = await reader.headPosition();
    await reader.close();
    // From the current head, so the event is printed whether tail subscribes before or after the append.
    const follower = tailOf(pg, head);
    const event = { id: 'pg-cli-append', type: 'StatementIssued', negotiation: 'nafta-renegotiation', party: 'MX', occurredAt: '2018-06-01', data: { speaker: 'Ildefonso Guajardo', quote: 'via PostgreSQL' } };
    const appended = await parley(['append', '--store', pg, '-'], { input: JSON.stringify(event) });
    expect(appended.status).toBe(0);
    await follower.printed(/pg-cli-append/);
    follower.child.kill('SIGINT');
    await exited(follower.child);
  });
});

describe('npm start on PostgreSQL', () => {
  it('given PARLEY_STORE=postgres://…, when the server starts, then it serves the bundled history from PostgreSQL', async () => {
    const pg = await server.createDatabase('start');
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'start.js'), '--port', '0'], {
      env: { ...process.env, PARLEY_STORE: pg },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Parley is serving (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
      });
      const health = (await (await fetch(`${url}/health`)).json()) as { status: string; store: { kind: string; headPosition: string | number; connected: boolean } };
      expect(health.status).toBe('ok');
      expect(health.store.kind).toMatch(/^postgres \(/);
      expect(health.store.connected).toBe(true);
      const stored = await readAllOf(getPostgresEventStore({ connectionString: pg }));
      const inFile = await readAllOf(getSQLiteEventStore({ path: file }));
      expect(stored.map((e) => e.id).sort()).toEqual(inFile.map((e) => e.id).sort());
      const state = await fetch(`${url}/negotiations/nafta-renegotiation/issues/auto-rules-of-origin?asOf=2018-08-27`);
      expect(state.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});

/** `parley tail` from a position, its stdout watched. */
const tailOf = (pg: string, after: bigint) => {
  const child = spawn(process.execPath, [CLI, 'tail', '--store', pg, '--json', '--from-position', after.toString()], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    child,
    printed: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (!pattern.test(out)) return;
          clearInterval(timer);
          resolve();
        }, 20);
        child.once('exit', (code) => {
          clearInterval(timer);
          if (!pattern.test(out)) reject(new Error(`tail exited (${code}) before printing ${pattern}: ${err}`));
        });
      }),
  };
};
