import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';
import { getKurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { StoredEvent } from '../../events';
import { collect } from '../support/event-builders';
import { InProcessKurrentDB, startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';
import { parley } from './run-cli';

jest.setTimeout(60_000);

const HISTORY = join(__dirname, '..', '..', 'events', 'history');
const historyFiles = () => readdirSync(HISTORY).filter((f) => f.endsWith('.ndjson')).sort().map((f) => join(HISTORY, f));

const readAllOf = async (open: () => { readAll: () => AsyncIterable<StoredEvent>; close: () => Promise<void> }) => {
  const store = open();
  try {
    return await collect(store.readAll());
  } finally {
    await store.close();
  }
};

describe('given an embedded store holding the bundled history', () => {
  let db: InProcessKurrentDB;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    db = await startInProcessKurrentDB();
    dir = mkdtempSync(join(tmpdir(), 'parley-copy-'));
    file = join(dir, 'parley.db');
    const loaded = await parley(['append', '--db', file, ...historyFiles()]);
    expect(loaded.stderr).toBe('');
  });
  afterAll(async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when copied into KurrentDB, then ids, order, revisions and recordedAt survive; a second run copies nothing; new source events are picked up', async () => {
    const target = `${db.connectionString}&parleyNamespace=copy-`;
    const first = await parley(['copy', '--from', file, '--to', target, '--batch', '7', '--progress']);
    expect(first.status).toBe(0);
    const source = await readAllOf(() => getSQLiteEventStore({ path: file }));
    expect(source.length).toBeGreaterThan(50);
    expect(JSON.parse(first.stdout)).toMatchObject({ read: source.length, copied: source.length, alreadyThere: 0 });
    expect(first.stderr).toMatch(/copy \|.*\| 100% \| \d+\/\d+ events/);

    const copied = await readAllOf(() => getKurrentDBEventStore({ connectionString: target }));
    expect(copied.map((e) => e.id)).toEqual(source.map((e) => e.id));
    expect(copied.map((e) => e.recordedAt)).toEqual(source.map((e) => e.recordedAt));
    expect(copied.map((e) => e.streamRevision)).toEqual(source.map((e) => e.streamRevision));
    const strip = ({ position, streamRevision, recordedAt, ...body }: StoredEvent) => body;
    expect(copied.map(strip)).toEqual(source.map(strip));
    copied.slice(1).forEach((e, i) => expect(e.position > copied[i].position).toBe(true));

    const again = await parley(['copy', '--from', file, '--to', target]);
    expect(JSON.parse(again.stdout)).toMatchObject({ read: source.length, copied: 0, alreadyThere: source.length });
    expect(again.stderr).toBe(''); // no terminal, no --progress: no bar

    const more = await parley(['append', '--db', file, '-'], {
      input: JSON.stringify({ id: 'copy-later', type: 'StatementIssued', negotiation: 'nafta-renegotiation', party: 'MX', occurredAt: '2018-06-01', data: { speaker: 'Ildefonso Guajardo', quote: 'later' } }),
    });
    expect(more.status).toBe(0);
    const resumed = await parley(['copy', '--from', file, '--to', target]);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ read: source.length + 1, copied: 1, alreadyThere: source.length });
    const after = await readAllOf(() => getKurrentDBEventStore({ connectionString: target }));
    expect(after.map((e) => e.id)).toEqual([...source.map((e) => e.id), 'copy-later']);
  });

  it('when the target is the source itself or the source does not exist, then nothing is copied and the error says why', async () => {
    const toItself = await parley(['copy', '--from', file, '--to', file]);
    expect(toItself.status).not.toBe(0);
    expect(toItself.stderr).toMatch(/--to is the same store as --from/);
    const noSource = await parley(['copy', '--from', join(dir, 'missing.db'), '--to', db.connectionString]);
    expect(noSource.status).not.toBe(0);
    expect(noSource.stderr).toMatch(/--from: no store at/);
  });
});
