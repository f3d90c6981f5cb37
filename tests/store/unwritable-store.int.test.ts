import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamOf } from '../../events';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';
import { StoreNotWritableError } from '../../src/store/sqlite/storage-errors';
import { events } from '../support/event-builders';

const CLI = join(__dirname, '..', '..', 'bin', 'parley.js');
const NAFTA = streamOf('nafta-renegotiation');

describe('a store that cannot write says so', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'parley-unwritable-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a store at its size limit (as a full disk), when appending, then the append fails with store_not_writable (503) and health reports the store not writable', async () => {
    const path = join(dir, 'full.db');
    const setup = getSQLiteEventStore({ path });
    await setup.append(NAFTA, events(1));
    await setup.close();
    const store = getSQLiteEventStore({ path, maxPageCount: 40 });
    let failure: unknown;
    for (let i = 0; i < 200 && failure === undefined; i++) failure = await store.append(NAFTA, events(20)).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreNotWritableError);
    expect(failure).toMatchObject({ status: 503, code: 'store_not_writable', reason: 'the disk (or the database size limit) is full', sqliteCode: 'SQLITE_FULL' });
    expect(await store.health!()).toMatchObject({ connected: true, writable: false, code: 'store_not_writable', cause: 'SQLITE_FULL' });
    expect(await store.headPosition()).toBeGreaterThan(0n);
    await store.close();
  });

  it('given a read-only database file, when the server runs, then POST /events answers 503 store_not_writable and /health answers 503 "degraded" with writable false', async () => {
    const path = join(dir, 'parley.db');
    const setup = getSQLiteEventStore({ path });
    await setup.append(NAFTA, events(1));
    await setup.close();
    chmodSync(path, 0o444);
    chmodSync(dir, 0o777); // the directory stays writable (WAL and shared-memory files): only the database file is read-only
    // root ignores file modes: the server then runs as nobody, as an operator's service account would.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const child = spawn(process.execPath, [CLI, 'serve', '--db', path, '--port', '0', '--no-history'], { ...asNobody, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /Parley is serving (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const post = await fetch(`${url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'StatementIssued', negotiation: 'talks', occurredAt: '2020', data: { speaker: 'a', quote: 'b' } }),
      });
      expect(post.status).toBe(503);
      expect(((await post.json()) as { error: unknown }).error).toMatchObject({ code: 'store_not_writable', details: { reason: 'the database file is read-only' } });
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', store: { writable: false, code: 'store_not_writable' } });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
