import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', 'bin', 'parley.js');

const children = new Set<ChildProcess>();

/** Runs `parley serve` and resolves once it exits (the test's timeout fails it if it never does). */
const serve = (args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '', HOST: '' } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    children.add(child);
    child.on('error', reject);
    child.on('exit', (code) => {
      children.delete(child);
      resolve({ code, stderr, stdout });
    });
  });

describe('parley serve when it cannot listen', () => {
  let dir: string;
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-serve-'));
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => {
    // A server that never exits (the defect) is not left behind.
    for (const child of children) child.kill('SIGKILL');
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the port is taken, when serve starts, then it exits non-zero with one line naming the address and the cause', async () => {
    const { code, stderr } = await serve(['--db', join(dir, 'a.db'), '--port', String(port), '--host', '127.0.0.1', '--no-history']);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toEqual([`parley: cannot listen on 127.0.0.1:${port}: the address is already in use (is another server running on it?)`]);
  }, 20_000);

  it('given a host name that does not resolve, when serve starts, then it exits non-zero naming the host', async () => {
    const { code, stderr } = await serve(['--db', join(dir, 'b.db'), '--port', '0', '--host', 'no-such-host.invalid', '--no-history']);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^parley: cannot listen on no-such-host\.invalid:0: /);
  }, 20_000);
});

describe('parley serve on a store that holds an older bundled history', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'parley-serve-old-'))));
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a bundled event stored with other content, when serve starts, then it exits non-zero saying what to do, and the store is unchanged', async () => {
    const db = join(dir, 'old.db');
    // An earlier Parley's copy of the NAFTA launch, worded differently from today's bundled one.
    const older = { id: 'nafta-2017-launch', type: 'NegotiationLaunched', negotiation: 'nafta-renegotiation', party: 'US', occurredAt: '2017', confidence: 'confirmed', data: { title: 'NAFTA renegotiation', parties: ['US', 'MX', 'CA'] } };
    const append = spawn(process.execPath, [CLI, 'append', '-', '--db', db], { stdio: ['pipe', 'ignore', 'inherit'] });
    append.stdin.end(JSON.stringify(older));
    await new Promise((resolve) => append.on('exit', resolve));

    const { code, stderr } = await serve(['--db', db, '--port', '0', '--host', '127.0.0.1']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^parley: the store .*old\.db holds an older version of the bundled history \(event id "nafta-2017-launch" is already stored .*\); .*--no-history\)$/m);
    const events = spawn(process.execPath, [CLI, 'events', '--db', db, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    events.stdout.on('data', (chunk) => (out += chunk));
    await new Promise((resolve) => events.on('exit', resolve));
    expect(out.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});
