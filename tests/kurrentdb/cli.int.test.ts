import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getKurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { collect } from '../support/event-builders';
import { InProcessKurrentDB, startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';
import { exited, parley, startParley } from './run-cli';

jest.setTimeout(60_000);

const statement = (i: number, negotiation = 'nafta-renegotiation') => ({
  id: `kdb-cli-${i}`,
  type: 'StatementIssued',
  negotiation,
  party: 'MX',
  occurredAt: '2018-05-24',
  data: { speaker: 'Ildefonso Guajardo', quote: `statement number ${i}` },
});

describe('given the CLI pointed at KurrentDB with --store esdb://…', () => {
  let db: InProcessKurrentDB;
  let dir: string;
  beforeAll(async () => {
    db = await startInProcessKurrentDB();
    dir = mkdtempSync(join(tmpdir(), 'parley-kdb-cli-'));
  });
  afterAll(async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a file is appended twice, then the second run finds only duplicates and `events` lists them in order', async () => {
    const store = db.connectionString;
    const file = join(dir, 'statements.ndjson');
    writeFileSync(file, [1, 2, 3].map((i) => JSON.stringify(statement(i))).join('\n'));
    // One negotiation per batch: KurrentDB cannot record several negotiations all-or-nothing.
    const steel = join(dir, 'steel.ndjson');
    writeFileSync(steel, JSON.stringify(statement(4, 'steel-talks')));

    const first = await parley(['append', '--store', store, file]);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ appended: 3, duplicates: 0 });
    expect(JSON.parse((await parley(['append', '--store', store, steel])).stdout)).toMatchObject({ appended: 1 });
    const again = await parley(['append', '--store', store, file]);
    expect(JSON.parse(again.stdout)).toMatchObject({ appended: 0, duplicates: 3 });
    expect(JSON.parse(again.stdout).lastPosition).toBe(JSON.parse(first.stdout).lastPosition);

    const listed = await parley(['events', '--store', store, '--json']);
    expect(listed.status).toBe(0);
    const events = listed.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e) => e.id)).toEqual(['kdb-cli-1', 'kdb-cli-2', 'kdb-cli-3', 'kdb-cli-4']);
    expect(events.map((e) => e.streamRevision)).toEqual([0, 1, 2, 0]);
    const filtered = await parley(['events', '--store', store, '--json', '--negotiation', 'steel-talks']);
    expect(filtered.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(['kdb-cli-4']);
  });

  it('when appending with a stale --expected-revision, then the conflict names expected and actual and nothing is written', async () => {
    const store = `${db.connectionString}&parleyNamespace=conflict-`;
    expect((await parley(['append', '--store', store, '-'], { input: JSON.stringify([statement(10), statement(11)]) })).status).toBe(0);
    const conflict = await parley(['append', '--store', store, '--expected-revision', '0', '-'], { input: JSON.stringify(statement(12)) });
    expect(conflict.status).not.toBe(0);
    expect(conflict.stderr).toMatch(/expected revision 0, actual 1/);
    const reader = getKurrentDBEventStore({ connectionString: store });
    try {
      expect((await collect(reader.readAll())).map((e) => e.id)).toEqual(['kdb-cli-10', 'kdb-cli-11']);
    } finally {
      await reader.close();
    }
  });

  it('when PARLEY_STORE names the server, then `state` answers from it without --store', async () => {
    const env = { PARLEY_STORE: `${db.connectionString}&parleyNamespace=state-` };
    const history = join(__dirname, '..', '..', 'events', 'history', 'nafta-renegotiation.ndjson');
    expect((await parley(['append', history], { env })).status).toBe(0);
    const state = await parley(['state', 'auto-rules-of-origin', '--negotiation', 'nafta-renegotiation', '--as-of', '2018-05-25', '--json'], { env });
    expect(state.stderr).toBe('');
    expect(state.status).toBe(0);
    expect(JSON.parse(state.stdout)).toMatchObject({ negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin' });
  });

  it('when `serve` runs on it, then the bundled history is recorded, issue state is served and /health reports the store', async () => {
    const store = `${db.connectionString}&parleyNamespace=serve-`;
    const server = await startParley(['serve', '--store', store, '--port', '0'], /Parley is serving (http:\/\/\S+)/);
    try {
      const url = /Parley is serving (http:\/\/\S+)/.exec(server.stdout())![1];
      expect(server.stdout()).toMatch(/Bundled history: \d+ events recorded, 0 already present/);
      const health = await (await fetch(`${url}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', store: { kind: expect.stringMatching(/^kurrentdb/), connected: true, live: true, headPosition: expect.any(Number) } });
      const issue = await fetch(`${url}/negotiations/nafta-renegotiation/issues/auto-rules-of-origin?asOf=2018-05-25`);
      expect(issue.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });

  it('when `tail` follows it, then it replays from a position and goes on live', async () => {
    const store = `${db.connectionString}&parleyNamespace=tail-`;
    expect((await parley(['append', '--store', store, '-'], { input: JSON.stringify([statement(20), statement(21)]) })).status).toBe(0);
    const tail = await startParley(['tail', '--store', store, '--from-position', '0', '--json'], /kdb-cli-21/);
    try {
      expect((await parley(['append', '--store', store, '-'], { input: JSON.stringify(statement(22)) })).status).toBe(0);
      const deadline = Date.now() + 10_000;
      while (!tail.stdout().includes('kdb-cli-22') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const ids = tail.stdout().trim().split('\n').map((line) => JSON.parse(line).id);
      expect(ids).toEqual(['kdb-cli-20', 'kdb-cli-21', 'kdb-cli-22']);
    } finally {
      tail.child.kill('SIGTERM');
      expect(await exited(tail.child)).toBe(0);
    }
  });
});
