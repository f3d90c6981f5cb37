import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/clock/clock';
import { runParley } from '../support/run-cli';

const ev = (id: string, type: string, occurredAt: string, rest: Record<string, unknown>) => ({ id, type, negotiation: 'talks', occurredAt, confidence: 'confirmed', ...rest });
const rvc = (value: number) => ({ terms: [{ metric: 'regional_value_content', value, unit: 'percent' }] });

const HISTORY = [
  ev('launch', 'NegotiationLaunched', '2017-08-16', { party: 'US', data: { title: 'Talks', parties: ['US', 'MX'] } }),
  ev('us-85', 'DemandTabled', '2017-10', { issue: 'autos', party: 'US', data: rvc(85) }),
  ev('mx-70', 'OfferMade', '2017-11-15', { issue: 'autos', party: 'MX', data: rvc(70) }),
  ev('review', 'DeadlineSet', '2018-01-15', { issue: 'review', data: { deadline: '2018-07', what: 'joint review' } }),
  ev('chat', 'StatementIssued', '2018-01-16', { party: 'MX', issue: 'autos', data: { speaker: 'Minister', quote: 'We are close' } }),
];

describe('export, import and deadlines from the CLI', () => {
  let dir: string;
  const clock = fixedClock('2026-01-05T09:00:00.000Z');
  const parley = async (args: string[], input?: string) => runParley(args, { input, clock });
  const ok = async (args: string[], input?: string) => {
    const result = await parley(args, input);
    if (result.status !== 0) throw new Error(`parley ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-export-'));
    await ok(['append', '-', '--db', join(dir, 'a.db')], HISTORY.slice(0, 3).map((e) => JSON.stringify(e)).join('\n'));
    clock.advance(60_000);
    await ok(['append', '-', '--db', join(dir, 'a.db')], HISTORY.slice(3).map((e) => JSON.stringify(e)).join('\n'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** An edited copy of a.ndjson whose manifest is a.ndjson's with the hash fixed, so only the lines can refuse it. */
  const withMatchingManifest = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    const manifest = JSON.parse(readFileSync(join(dir, 'a.ndjson.manifest.json'), 'utf8'));
    writeFileSync(join(dir, `${name}.manifest.json`), JSON.stringify({ ...manifest, sha256: createHash('sha256').update(text).digest('hex') }));
  };

  it('given a store, when exported and imported into an empty one, then exporting that gives the same file', async () => {
    await ok(['export', '--db', join(dir, 'a.db'), '--out', join(dir, 'a.ndjson')]);
    const manifest = JSON.parse(readFileSync(join(dir, 'a.ndjson.manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'parley-events/1', eventCount: 5, firstPosition: '1', lastPosition: '5', knownAt: '2026-01-05T09:01:00.000Z' });

    const imported = JSON.parse(await ok(['import', join(dir, 'a.ndjson'), '--db', join(dir, 'b.db')]));
    expect(imported).toMatchObject({ read: 5, copied: 5, alreadyThere: 0 });
    await ok(['export', '--db', join(dir, 'b.db'), '--out', join(dir, 'b.ndjson')]);
    expect(readFileSync(join(dir, 'b.ndjson'), 'utf8')).toBe(readFileSync(join(dir, 'a.ndjson'), 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'b.ndjson.manifest.json'), 'utf8')).sha256).toBe(manifest.sha256);

    // Again: everything is already there, nothing is written twice.
    expect(JSON.parse(await ok(['import', join(dir, 'a.ndjson'), '--db', join(dir, 'b.db')]))).toMatchObject({ copied: 0, alreadyThere: 5 });
  });

  it('given an export changed after the fact, when imported, then it is refused naming the hash and nothing is written', async () => {
    await ok(['export', '--db', join(dir, 'a.db'), '--out', join(dir, 'a.ndjson')]);
    writeFileSync(join(dir, 'a.ndjson'), readFileSync(join(dir, 'a.ndjson'), 'utf8').replace('"value":70', '"value":75'));
    const result = await parley(['import', join(dir, 'a.ndjson'), '--db', join(dir, 'b.db')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('manifest.sha256');
    expect((await parley(['events', '--db', join(dir, 'b.db'), '--json'])).stdout).toBe('');
  });

  it('given an export whose manifest matches but whose line is not an event, then the line and field are named and nothing is written', async () => {
    await ok(['export', '--db', join(dir, 'a.db'), '--out', join(dir, 'a.ndjson')]);
    withMatchingManifest('c.ndjson', readFileSync(join(dir, 'a.ndjson'), 'utf8').replace('"type":"OfferMade"', '"type":"OfferMaid"'));
    const result = await parley(['import', join(dir, 'c.ndjson'), '--db', join(dir, 'b.db')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/c\.ndjson:line 3: type: unknown event type/);
    expect((await parley(['events', '--db', join(dir, 'b.db'), '--json'])).stdout).toBe('');
  });

  it('given an export whose quote holds a lone surrogate escape (a hand edit), then the line and field are named and nothing is written', async () => {
    await ok(['export', '--db', join(dir, 'a.db'), '--out', join(dir, 'a.ndjson')]);
    withMatchingManifest('d.ndjson', readFileSync(join(dir, 'a.ndjson'), 'utf8').replace('We are close', 'We are \\ud800 close'));
    const result = await parley(['import', join(dir, 'd.ndjson'), '--db', join(dir, 'b.db')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/d\.ndjson:line 5: data\.quote: .*lone UTF-16 surrogate/);
    expect((await parley(['events', '--db', join(dir, 'b.db'), '--json'])).stdout).toBe('');
  });

  it('given a PLOVER export, then mapped events become records, the rest are counted as skipped', async () => {
    const result = await parley(['export', '--db', join(dir, 'a.db'), '--format', 'plover']);
    const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(records.map((r) => [r.id, r.event[0]])).toEqual([
      ['launch', 'CONSULT'],
      ['us-85', 'REQUEST'],
      ['mx-70', 'AGREE'],
    ]);
    expect(JSON.parse(result.stderr)).toMatchObject({ format: 'parley-plover/1', eventCount: 3, skipped: { DeadlineSet: 1, StatementIssued: 1 } });
  });

  it('given a deadline ahead, then parley deadlines lists it with the days left and the event that set it', async () => {
    const answer = JSON.parse(await ok(['deadlines', '--db', join(dir, 'a.db'), '--as-of', '2018-06-10', '--json']));
    expect(answer.deadlines).toEqual([
      expect.objectContaining({ negotiation: 'talks', deadline: '2018-07', precision: 'month', daysRemaining: { earliest: 21, latest: 51 }, setBy: expect.objectContaining({ eventId: 'review' }) }),
    ]);
    const text = await ok(['deadlines', '--db', join(dir, 'a.db'), '--as-of', '2018-06-10']);
    expect(text).toContain('21–51');
    expect(JSON.parse(await ok(['deadlines', '--db', join(dir, 'a.db'), '--as-of', '2018-08-01', '--json'])).deadlines).toEqual([]);
  });

  it('given webhook commands, then add, list and remove work on the registry beside the store, and bad flags are named', async () => {
    const db = join(dir, 'a.db');
    const added = JSON.parse(await ok(['webhooks', 'add', 'http://127.0.0.1:9/hook', '--secret', 'sixteen-chars-at-least', '--on', 'gap-changed', '--negotiation', 'talks', '--issue', 'autos', '--threshold', '3', '--db', db]));
    expect(added).toMatchObject({ url: 'http://127.0.0.1:9/hook', condition: { kind: 'gap-changed', negotiation: 'talks', issue: 'autos', threshold: 3 }, cursor: '5' });
    expect(added.secret).toBeUndefined();
    expect(await ok(['webhooks', 'list', '--db', db])).toContain(added.id);
    const bad = await parley(['webhooks', 'add', 'ftp://x', '--secret', 'sixteen-chars-at-least', '--on', 'position-changed', '--db', db]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('url');
    expect(bad.stderr).toContain('condition.negotiation');
    await ok(['webhooks', 'remove', added.id, '--db', db]);
    expect(await ok(['webhooks', 'list', '--db', db])).toContain('no webhooks');
  });
});
