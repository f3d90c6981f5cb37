import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';

const run = promisify(execFile);

describe('two processes appending to one embedded store', () => {
  it('given two writer processes on the same file at once, then every event of both is stored, revisions stay contiguous, and the file is sound', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-two-'));
    const path = join(dir, 'parley.db');
    const writer = (prefix: string) => run(process.execPath, [join(__dirname, 'support/concurrent-writer.js'), path, prefix, '200']);
    const [a, b] = await Promise.all([writer('a'), writer('b')]);
    expect(JSON.parse(a.stdout)).toEqual({ appended: 1000, errors: [] });
    expect(JSON.parse(b.stdout)).toEqual({ appended: 1000, errors: [] });
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT id, stream_revision AS r, position FROM events ORDER BY position').all() as { id: string; r: number; position: number }[];
    expect(rows).toHaveLength(2000);
    expect(rows.map((row) => row.r)).toEqual(rows.map((_, i) => i));
    expect(new Set(rows.map((row) => row.id.split('-')[0]))).toEqual(new Set(['a', 'b']));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
