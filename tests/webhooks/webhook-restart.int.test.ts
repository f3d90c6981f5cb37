import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

/** `parley serve` in its own process, on a free port; resolves with its URL once it listens. */
const serve = (db: string): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'bin/parley.js'), 'serve', '--db', db, '--port', '0', '--no-history'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PARLEY_WEBHOOK_BACKOFF_MS: '5', PARLEY_WEBHOOK_MAX_BACKOFF_MS: '20', PARLEY_WEBHOOK_TIMEOUT_MS: '200' },
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Parley is serving (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`parley serve exited (${code}) before listening: ${out}`)));
  });

const kill = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });

const post = async (url: string, path: string, body: unknown) => {
  const response = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
};

const offer = (i: number) => ({
  id: `offer-${String(i).padStart(3, '0')}`, type: 'OfferMade', negotiation: 'restart-talks', issue: 'autos', party: 'MX',
  occurredAt: '2018-05-24', confidence: 'reported', data: { terms: [{ metric: 'regional_value_content', value: 60 + (i % 20), unit: 'percent' }] },
});

describe('webhook delivery across a SIGKILL', () => {
  let dir: string;
  let receiver: WebhookReceiver;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-webhook-restart-'));
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) await kill(child);
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a server killed mid-delivery, when it starts again, then every event is delivered, none reordered, repeats only under the same delivery id', async () => {
    const db = join(dir, 'parley.db');
    const first = await serve(db);
    children.push(first.child);
    await post(first.url, '/webhooks', { url: receiver.url, secret: 'restart-test-secret-0123', condition: { kind: 'events', negotiation: 'restart-talks' } });
    // Every third request fails, and after eight acceptances the receiver stops answering: the kill
    // lands while deliveries are owed, some of them mid-retry.
    receiver.behave((n) => (receiver.accepted.length >= 8 ? 'hang' : n % 3 === 0 ? 500 : 200));
    for (let batch = 0; batch < 4; batch++) await post(first.url, '/events', Array.from({ length: 10 }, (_, i) => offer(batch * 10 + i)));
    await receiver.waitForAccepted(8);
    await kill(first.child);
    expect(receiver.accepted).toHaveLength(8);

    const second = await serve(db);
    children.push(second.child);
    receiver.behave(() => 200);
    while (new Set(receiver.accepted.map((d) => d.body.event.id)).size < 40) await new Promise((resolve) => setTimeout(resolve, 20));

    const seen = new Map<string, string>();
    let lastNew = -1n;
    for (const { body } of receiver.accepted) {
      const position = BigInt(body.position);
      const earlier = seen.get(body.delivery);
      if (earlier !== undefined) {
        expect(earlier).toBe(body.event.id); // a repeat is the same delivery, never a different one under its id
        continue;
      }
      expect(position > lastNew).toBe(true); // first deliveries arrive in store order
      lastNew = position;
      seen.set(body.delivery, body.event.id);
    }
    expect([...seen.values()]).toEqual(Array.from({ length: 40 }, (_, i) => offer(i).id));
  });
});
