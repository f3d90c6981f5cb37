import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runAndKill } from './support/run-and-kill';

describe('crash safety of the embedded store', () => {
  it('given a writer of single- and multi-negotiation batches killed with SIGKILL at random moments 20 times, then every acknowledged batch is stored whole, no batch is partial, and the file opens cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
    const path = join(dir, 'parley.db');
    const acknowledged = new Set<string>();
    for (let run = 0; run < 20; run++) {
      const acked = await runAndKill(path, `r${run}`, Math.floor(Math.random() * 300));
      acked.forEach((batch) => acknowledged.add(batch));
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(20);

    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const perBatch = new Map<string, number>();
    for (const { id } of db.prepare('SELECT id FROM events').all() as { id: string }[]) {
      const batch = id.slice(0, id.lastIndexOf('-'));
      perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
    }
    const sizeOf = (batch: string) => Number(batch.slice(batch.lastIndexOf('-of') + 3));
    const missing = [...acknowledged].filter((batch) => perBatch.get(batch) !== sizeOf(batch));
    expect(missing).toEqual([]);
    // A batch committed just before the kill but never acknowledged may be there; a partial one may not.
    const partial = [...perBatch].filter(([batch, count]) => count !== sizeOf(batch));
    expect(partial).toEqual([]);
    expect([...perBatch.keys()].filter((batch) => Number(batch.split('-')[1]) % 2 === 0).length).toBeGreaterThan(0);
    for (const { stream } of db.prepare('SELECT DISTINCT stream FROM events').all() as { stream: string }[]) {
      const revisions = db.prepare('SELECT stream_revision AS r FROM events WHERE stream = ? ORDER BY position').all(stream) as { r: number }[];
      expect(revisions.map((row) => row.r)).toEqual(revisions.map((_, i) => i));
    }
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
