import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runParley } from './support/run-cli';

const CLI = join(__dirname, '..', 'bin', 'parley.js');
const parley = (args: string[], input?: string) => runParley(args, { input });

const statement = (i: number) => ({
  id: `bulk-${i}`,
  type: 'StatementIssued',
  negotiation: i % 2 ? 'nafta-renegotiation' : 'steel-talks',
  party: i % 3 ? 'MX' : 'US',
  occurredAt: '2018-05-24',
  data: { speaker: 'Ildefonso Guajardo', quote: `statement number ${i}` },
});

describe('parley append / events (CLI)', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    db = join(dir, 'parley.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a 10 000-event NDJSON file, when appended twice, then the first run appends all and the second reports 10 000 duplicates', async () => {
    const file = join(dir, 'bulk.ndjson');
    writeFileSync(file, Array.from({ length: 10_000 }, (_, i) => JSON.stringify(statement(i))).join('\n'));
    const first = JSON.parse((await parley(['append', '--db', db, file])).stdout);
    expect(first).toEqual({ appended: 10_000, duplicates: 0, firstPosition: 1, lastPosition: 10_000 });
    const second = JSON.parse((await parley(['append', '--db', db, file])).stdout);
    expect(second).toEqual({ appended: 0, duplicates: 10_000, firstPosition: 1, lastPosition: 10_000 });
    const listed = (await parley(['events', '--db', db, '--json', '--negotiation', 'steel-talks', '--party', 'US'])).stdout.trim().split('\n');
    expect(listed).toHaveLength(1667);
    expect(JSON.parse(listed[0])).toMatchObject({ id: 'bulk-0', position: 1, streamRevision: 0, negotiation: 'steel-talks' });
  }, 60_000);

  it('given one invalid event among valid ones, when appended, then nothing is written and the error names line, field and problem', async () => {
    const lines = [statement(1), { ...statement(2), occurredAt: '2018-13' }, statement(3)].map((e) => JSON.stringify(e));
    const result = await parley(['append', '--db', db, '-'], lines.join('\n'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/stdin:line 2: occurredAt: expected a date as YYYY-MM-DD, YYYY-MM or YYYY \(got "2018-13"\)/);
    expect((await parley(['events', '--db', db])).stdout).toBe('');
  });

  it('given broken JSON on a line, then the error names the line and nothing is written', async () => {
    const result = await parley(['append', '--db', db], `${JSON.stringify(statement(1))}\n{"type": "OfferMade",\n`);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/stdin:line 2: \(event\): invalid JSON/);
    expect((await parley(['events', '--db', db])).stdout).toBe('');
  });

  it('given a JSON array and --expected-revision, then a wrong revision is a conflict naming expected and actual', async () => {
    const batch = JSON.stringify([statement(1), statement(3)]);
    expect(JSON.parse((await parley(['append', '--db', db, '--expected-revision', '0'], batch)).stdout || 'null')).toBeNull();
    const ok = await parley(['append', '--db', db], batch);
    expect(JSON.parse(ok.stdout)).toMatchObject({ appended: 2 });
    const conflict = await parley(['append', '--db', db, '--expected-revision', '0'], JSON.stringify(statement(5)));
    expect(conflict.status).not.toBe(0);
    expect(conflict.stderr).toMatch(/expected revision 0, actual 1/);
  });

  it('given an unknown event type filter, then events fails naming the known types', async () => {
    const result = await parley(['events', '--db', db, '--type', 'Offer']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/unknown event type Offer; expected one of DemandTabled/);
  });

  describe('the bin, as a process', () => {
    it('given a bad flag value, when run as `node bin/parley.js`, then it exits 1 with one line naming the flag and the value, and nothing else on stderr', () => {
      const result = spawnSync(process.execPath, [CLI, 'serve', '--port', 'abc'], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        `error: option '--port <port>' argument 'abc' is invalid. expected an integer from 0 to 65535, got "abc"`,
        '(add --help for usage)',
      ]);
    });

    it('given a refused batch on stdin, then the process exits 1, prints the problems on stderr and nothing on stdout', () => {
      const result = spawnSync(process.execPath, [CLI, 'append', '--db', db, '-'], { input: JSON.stringify({ ...statement(1), party: 'ZZZ' }), encoding: 'utf8' });
      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: '' });
      expect(result.stderr).toMatch(/^parley: rejected, nothing was written:\n {2}stdin:line 1: party: /);
    });
  });
});
