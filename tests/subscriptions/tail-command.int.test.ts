import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cliAppend, CLI, offer, RawEvent, statement, tempStore } from './harness';

/** `parley tail` as a user runs it: a separate process, stopped with Ctrl-C (SIGINT) or SIGTERM. */
class Tail {
  readonly stdout: string[] = [];
  stderr = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private partial = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [CLI, 'tail', ...args]);
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (this.partial + chunk).split('\n');
      this.partial = lines.pop() ?? '';
      this.stdout.push(...lines);
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  async waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  waitForLive(): Promise<void> {
    return this.waitFor(() => this.stderr.includes('caught up'), 'the tail to be live');
  }

  stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}

const naftaStatements = (tag: string, count: number): RawEvent[] =>
  Array.from({ length: count }, (_, k) => statement(`${tag}-${k}`, 'nafta-renegotiation', 'MX'));

describe('parley tail', () => {
  let store: { db: string; cleanup: () => void };
  const tails: Tail[] = [];
  const tail = (args: string[]): Tail => {
    const t = new Tail(['--db', store.db, ...args]);
    tails.push(t);
    return t;
  };

  beforeEach(() => (store = tempStore()));
  afterEach(async () => {
    await Promise.all(tails.splice(0).map((t) => t.stop('SIGKILL')));
    store.cleanup();
  });

  it('given --from-position 0 --json and a filter, then it replays the matching history, prints new events as another process appends them, and Ctrl-C exits 0', async () => {
    await cliAppend(store.db, [...naftaStatements('old', 3), statement('steel-1', 'steel-talks', 'US')]);
    const t = tail(['--from-position', '0', '--json', '--negotiation', 'nafta-renegotiation']);
    await t.waitForLive();
    await cliAppend(store.db, [statement('steel-2', 'steel-talks', 'US'), ...naftaStatements('new', 2)]);
    await t.waitFor(() => t.stdout.length === 5, '5 lines');
    expect(await t.stop('SIGINT')).toBe(0);
    const printed = t.stdout.map((line) => JSON.parse(line) as { id: string; position: number });
    expect(printed.map((e) => [e.position, e.id])).toEqual([
      [1, 'old-0'], [2, 'old-1'], [3, 'old-2'], [6, 'new-0'], [7, 'new-1'],
    ]);
  });

  it('given no --from-position, then it prints only new events, one readable line each, and SIGTERM exits 0', async () => {
    await cliAppend(store.db, naftaStatements('old', 2));
    const t = tail(['--type', 'OfferMade']);
    await t.waitForLive();
    await cliAppend(store.db, [statement('talk', 'nafta-renegotiation', 'MX'), offer('mx-70', 'nafta-renegotiation', 'auto-rules-of-origin', 'MX')]);
    await t.waitFor(() => t.stdout.length === 1, 'one line');
    expect(await t.stop('SIGTERM')).toBe(0);
    expect(t.stdout[0]).toMatch(/^#4\s+2018-05-24\s+nafta-renegotiation\/auto-rules-of-origin\s+MX\s+OfferMade/);
  });

  it('given --name, when it is stopped and restarted, then it resumes after the last event it printed (its checkpoint in the store)', async () => {
    await cliAppend(store.db, naftaStatements('first', 3));
    const first = tail(['--name', 'archiver', '--from-position', '0', '--json']);
    await first.waitFor(() => first.stdout.length === 3, '3 lines');
    expect(await first.stop('SIGINT')).toBe(0);
    expect(first.stderr).toMatch(/checkpoint "archiver" at position 3/);

    await cliAppend(store.db, naftaStatements('second', 2));
    const second = tail(['--name', 'archiver', '--from-position', '0', '--json']);
    await second.waitForLive();
    expect(await second.stop('SIGINT')).toBe(0);
    expect(second.stdout.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['second-0', 'second-1']);
    expect(second.stderr).toMatch(/resuming "archiver" after position 3/);
  });

  it('given an unknown type or a bad position, then it fails before following anything', async () => {
    const t = tail(['--type', 'Offer']);
    expect(await t.exited).toBe(1);
    expect(t.stderr).toMatch(/unknown event type Offer/);
    const u = tail(['--from-position', '-1']);
    expect(await u.exited).not.toBe(0);
  });
});
