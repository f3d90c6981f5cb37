import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/parley-config';
import { startServer } from '../../src/http/serve';
import { Context, now, percentile, row, Row, Scenario, stat } from '../harness';
import { dbPath } from './common';

const WEBHOOKS = 100;

interface Receiver {
  url: string;
  /** Resolves when `count` deliveries of event `id` have arrived, with each arrival's time. */
  arrivals(id: string, count: number): Promise<number[]>;
  close(): Promise<void>;
}

/** One local receiver for every webhook: notes when each delivery of each event arrives. */
const startReceiver = async (): Promise<Receiver> => {
  const seen = new Map<string, number[]>();
  const waiting = new Map<string, { count: number; resolve: (times: number[]) => void }>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = now();
      response.writeHead(204).end();
      const id = (JSON.parse(Buffer.concat(chunks).toString()) as { event: { id: string } }).event.id;
      const times = [...(seen.get(id) ?? []), at];
      seen.set(id, times);
      const waiter = waiting.get(id);
      if (waiter && times.length >= waiter.count) waiter.resolve(times);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    arrivals: (id, count) =>
      new Promise((resolve) => {
        const times = seen.get(id) ?? [];
        if (times.length >= count) resolve(times);
        else waiting.set(id, { count, resolve });
      }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
};

const offer = (id: string, i: number) => ({
  id, type: 'OfferMade', negotiation: 'bench-talks', issue: 'autos', party: 'MX', occurredAt: '2018-05-24', confidence: 'reported',
  data: { terms: [{ metric: 'regional_value_content', value: 60 + (i % 30), unit: 'percent' }] },
});

/**
 * Scenario 8: webhook delivery latency, from just before POST /events to each of 100 webhooks'
 * receipt at one local receiver, one event at a time. Baseline: the same POST /events, then the
 * same 100 POSTs sent straight from the client — the HTTP fan-out floor without Parley's
 * dispatcher (cursor reads, matching, signing, durable cursor writes).
 */
export const webhookDelivery: Scenario = {
  id: '8',
  title: 'webhook delivery latency (100 webhooks)',
  async run(context: Context): Promise<Row[]> {
    const dir = context.tempDir('s8');
    const count = context.size(200);
    const receiver = await startReceiver();
    const config = loadConfig({ store: dbPath(dir, 'parley'), port: 0, host: '127.0.0.1', loadBundledHistory: false }, {});
    const server = await startServer(config, { logger: false });
    const post = (path: string, body: unknown) =>
      fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => {
        if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      });
    try {
      for (let i = 0; i < WEBHOOKS; i++) await post('/webhooks', { url: receiver.url, secret: 'bench-webhook-secret-0000', condition: { kind: 'events', negotiation: 'bench-talks' } });
      const parley: number[] = [];
      const direct: number[] = [];
      const bar = context.progress.bar('8 webhook deliveries (Parley, then direct)', count * 2);
      for (let i = 0; i < count; i++) {
        const id = `wh-bench-${i}`;
        const started = now();
        await post('/events', offer(id, i));
        for (const at of await receiver.arrivals(id, WEBHOOKS)) parley.push(at - started);
        bar.tick();
      }
      await post('/events', offer('wh-bench-direct-marker', 0));
      await receiver.arrivals('wh-bench-direct-marker', WEBHOOKS);
      for (let i = 0; i < count; i++) {
        // The baseline's events go to another negotiation: no webhook fires on them.
        const id = `direct-${i}`;
        const started = now();
        await post('/events', { ...offer(id, i), negotiation: 'bench-direct' });
        const body = JSON.stringify({ event: { id } });
        await Promise.all(Array.from({ length: WEBHOOKS }, () => fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })));
        for (const at of await receiver.arrivals(id, WEBHOOKS)) direct.push(at - started);
        bar.tick();
      }
      bar.done();
      return [50, 99].map((p) =>
        row({
          scenario: '8',
          label: `webhook delivery p${p}, ${WEBHOOKS} webhooks`,
          unit: 'ms',
          parley: stat([percentile(parley, p)]),
          baselineName: 'same POST + direct fan-out',
          baseline: stat([percentile(direct, p)]),
          note: `${count} events × ${WEBHOOKS} webhooks`,
        }),
      );
    } finally {
      await server.app.close();
      await receiver.close();
    }
  },
};
