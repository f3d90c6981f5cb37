import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamOf } from '../../events';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';
import { events } from '../support/event-builders';

const CLI = join(__dirname, '..', '..', 'bin', 'parley.js');
const verify = (db: string, ...flags: string[]) => spawnSync(process.execPath, [CLI, 'verify', '--db', db, ...flags], { encoding: 'utf8' });

describe('immutability and tamper evidence of the SQLite store', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-tamper-'));
    path = join(dir, 'parley.db');
    const store = getSQLiteEventStore({ path });
    await store.append(streamOf('nafta-renegotiation'), events(3));
    await store.appendToStreams([{ stream: streamOf('nafta-renegotiation'), events: events(2) }]);
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given stored events, when another tool runs INSERT OR REPLACE over a stored row, then the schema refuses it and the row stands', () => {
    const db = new Database(path);
    const row = db.prepare('SELECT * FROM events WHERE position = 1').get() as Record<string, unknown>;
    const forged = { ...row, body: String(row.body).replace('"MX"', '"US"') };
    const columns = Object.keys(forged);
    const replace = db.prepare(`INSERT OR REPLACE INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    expect(() => replace.run(...Object.values(forged))).toThrow(/events are immutable/);
    // The same id at a new position would move the event (REPLACE deletes the old row): refused too.
    expect(() => replace.run(...Object.values({ ...forged, position: 99 }))).toThrow(/events are immutable/);
    expect((db.prepare('SELECT body FROM events WHERE position = 1').get() as { body: string }).body).toBe(row.body);
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(5);
    db.close();
  });

  it('given an intact store, when verified, then it reports every event verified and the head hash, exit 0', () => {
    const result = verify(path, '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, events: 5, headPosition: 5, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('given a row rewritten behind the store\'s back (its triggers dropped first), when verified, then the first broken position is named, exit 1', () => {
    const db = new Database(path);
    db.exec('DROP TRIGGER events_are_never_updated');
    db.prepare("UPDATE events SET body = replace(body, '\"MX\"', '\"CA\"') WHERE position = 3").run();
    db.close();
    const result = verify(path);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^parley: hash chain broken at position 3 \(event "[^"]+"\): the event does not match its hash.*the 2 events before it verify$/);
  });

  it('given a row inserted behind the store\'s back, when verified, then its position is named', () => {
    const db = new Database(path);
    const row = db.prepare('SELECT * FROM events WHERE position = 5').get() as Record<string, unknown>;
    const extra = { ...row, position: 6, id: 'forged', stream_revision: 5 };
    const columns = Object.keys(extra);
    db.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(extra));
    db.close();
    const result = verify(path);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/position 6 \(event "forged"\): the event has no hash/);
  });

  it('given a database from before the hash chain, when the store opens it, then its events are chained and verify passes; stores keep appending on the chain', async () => {
    const legacy = join(dir, 'legacy.db');
    const db = new Database(legacy);
    const current = new Database(path, { readonly: true });
    db.exec((current.prepare("SELECT sql FROM sqlite_master WHERE name = 'events'").get() as { sql: string }).sql);
    const rows = current.prepare('SELECT * FROM events ORDER BY position').all() as Record<string, unknown>[];
    const columns = Object.keys(rows[0]);
    const insert = db.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    rows.forEach((row) => insert.run(...Object.values(row)));
    current.close();
    db.close();
    expect(verify(legacy).stderr).toMatch(/predates the hash chain/);

    const store = getSQLiteEventStore({ path: legacy });
    await store.append(streamOf('nafta-renegotiation'), events(1));
    await store.close();
    const result = verify(legacy, '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, events: 6 });
  });
});
