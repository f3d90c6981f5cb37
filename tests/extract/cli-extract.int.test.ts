import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runParley } from '../support/run-cli';

const parley = (args: string[], input?: string) => runParley(args, { input });
const ARTICLE = readFileSync(join(__dirname, 'corpus', 'articles', '000_3f9adb5ce6b3ea5f.txt'), 'utf8');

describe('parley extract (CLI)', () => {
  let dir: string;
  let db: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-extract-'));
    db = join(dir, 'parley.db');
    file = join(dir, 'article.txt');
    writeFileSync(file, ARTICLE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given an article, when extracted, then a readable list shows each draft with its quote, offsets and why, and nothing is recorded', async () => {
    const run = await parley(['extract', file, '--published', '2018-05-24', '--db', db]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('negotiation: nafta-renegotiation (matched)');
    expect(run.stdout).toMatch(/ProbeLaunched {2}US {2}auto-tariffs {2}2018-05-23 {2}confirmed/);
    expect(run.stdout).toMatch(/"Trump’s Administration said Wednesday it would examine whether car and truck imports.*" \[\d+–\d+\]/);
    expect(run.stdout).toContain('why: probe.would-examine');
    expect((await parley(['events', '--db', db, '--json'])).stdout.trim()).toBe('');
  });

  it('given --json, when piped into parley append, then the drafts are recorded as events with the exact quotes', async () => {
    const json = await parley(['extract', file, '--published', '2018-05-24', '--json']);
    expect(json.status).toBe(0);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(5);
    for (const e of lines) expect(ARTICLE).toContain(e.source.quote);
    const appended = await parley(['append', '--db', db, '-'], json.stdout);
    expect(appended.stderr).toBe('');
    expect(JSON.parse(appended.stdout)).toMatchObject({ appended: lines.length, duplicates: 0 });
  });

  it('given --accept twice, when run, then the second run records nothing new', async () => {
    const first = await parley(['extract', file, '--published', '2018-05-24', '--accept', '--db', db]);
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout.trim().split('\n').pop()!);
    expect(summary.recorded).toBeGreaterThan(5);
    expect(summary.alreadyRecorded).toBe(0);
    const second = JSON.parse((await parley(['extract', file, '--published', '2018-05-24', '--accept', '--db', db])).stdout.trim().split('\n').pop()!);
    expect(second).toEqual({ ...summary, recorded: 0, alreadyRecorded: summary.recorded });
    const stored = (await parley(['events', '--db', db, '--json'])).stdout.trim().split('\n');
    expect(stored).toHaveLength(summary.recorded);
  });

  it('given stdin and a bad --published, when run, then the error names the flag and nothing is read', async () => {
    const run = await parley(['extract', '-', '--published', '2018-13-40'], ARTICLE);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/--published/);
  });

  it('given text on stdin, when extracted with --negotiation, then the drafts belong to it and name no document file', async () => {
    const run = await parley(['extract', '-', '--published', '2018-05-24', '--negotiation', 'auto-talks', '--json'], ARTICLE);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(new Set(events.map((e) => e.negotiation))).toEqual(new Set(['auto-talks']));
    expect(events[0].source.document).toMatch(/^sha256:[0-9a-f]{16}$/);
  });
});
