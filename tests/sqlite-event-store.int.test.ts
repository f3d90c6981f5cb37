import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { streamOf } from '../events';
import { fixedClock } from '../src/clock/clock';
import { getSQLiteEventStore } from '../src/store/sqlite/get-sqlite-event-store';
import { describeEventStoreConformance } from './conformance/event-store.conformance';
import { events } from './support/event-builders';

describeEventStoreConformance(
  'sqlite in memory (one connection)',
  async () => {
    const store = getSQLiteEventStore({ path: ':memory:' });
    return { store, cleanup: () => store.close() };
  },
  { singleConnection: true },
);

describeEventStoreConformance('sqlite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-'));
  const path = join(dir, 'parley.db');
  const store = getSQLiteEventStore({ path });
  return {
    store,
    openAnother: async () => getSQLiteEventStore({ path }),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite schema refuses to rewrite history', () => {
  it('given stored events, when raw SQL tries to UPDATE or DELETE them, then the triggers refuse and nothing changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-'));
    const path = join(dir, 'parley.db');
    const store = getSQLiteEventStore({ path });
    await store.append(streamOf('nafta-renegotiation'), events(2));
    await store.close();
    const raw = new Database(path);
    expect(() => raw.prepare("UPDATE events SET occurred_at = '1999'").run()).toThrow(/immutable: UPDATE refused/);
    expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/immutable: DELETE refused/);
    expect(raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 2 });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('sqlite reads use indexes', () => {
  it('given each filter the port offers, when its query is planned, then SQLite searches an index instead of scanning the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-plan-'));
    const path = join(dir, 'parley.db');
    const store = getSQLiteEventStore({ path });
    await store.append(streamOf('nafta-renegotiation'), events(3));
    await store.close();
    const raw = new Database(path, { readonly: true });
    const plan = (where: string) =>
      (raw.prepare(`EXPLAIN QUERY PLAN SELECT * FROM events WHERE position > 0 AND ${where} ORDER BY position LIMIT 100`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ');
    expect(plan("negotiation = 'n' AND issue = 'i'")).toMatch(/SEARCH events USING INDEX events_by_negotiation_issue/);
    expect(plan("negotiation = 'n' AND type IN ('EventCorrected', 'EventRetracted')")).toMatch(/SEARCH events USING INDEX events_by_negotiation_(type|issue)/);
    expect(plan("type = 'OfferMade'")).toMatch(/SEARCH events USING INDEX events_by_type/);
    expect(plan("party = 'MX'")).toMatch(/SEARCH events USING INDEX events_by_party/);
    expect(plan("stream = 'negotiation-n'")).toMatch(/SEARCH events USING INDEX events_by_stream/);
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('sqlite transaction time', () => {
  it('given a clock that steps backwards between appends, then recordedAt never goes backwards along positions', async () => {
    const clock = fixedClock('2026-03-01T12:00:00.000Z');
    const store = getSQLiteEventStore({ path: ':memory:', clock });
    await store.append(streamOf('nafta-renegotiation'), events(1));
    clock.set('2026-03-01T11:59:59.000Z');
    await store.append(streamOf('nafta-renegotiation'), events(1));
    clock.set('2026-03-01T12:00:01.000Z');
    await store.append(streamOf('nafta-renegotiation'), events(1));
    const recorded = [];
    for await (const event of store.readAll()) recorded.push(event.recordedAt);
    expect(recorded).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-01T12:00:00.000Z', '2026-03-01T12:00:01.000Z']);
    await store.close();
  });
});
