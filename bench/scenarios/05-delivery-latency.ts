import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Subscription } from 'rxjs';
import { streamOf } from '../../events';
import { toEmmett } from '../baselines/emmett';
import { openRaw, rawPusher } from '../baselines/raw-sqlite';
import { makeEvents } from '../data';
import { Context, now, percentile, row, Row, Scenario, stat, unavailableRow } from '../harness';
import { dbPath, openParley, removeDb } from './common';

interface Latency {
  p50: number;
  p99: number;
}

const summarize = (latencies: readonly number[]): Latency => ({ p50: percentile(latencies, 50), p99: percentile(latencies, 99) });
const wallClock = (): number => performance.timeOrigin + performance.now();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Scenario 5: append→delivery latency, measured from just before the append call to each
 * subscriber's receipt (so the durable commit is inside the figure for every contender), one event
 * at a time, the next appended once every subscriber has the previous one.
 */
export const deliveryLatency: Scenario = {
  id: '5',
  title: 'append→delivery latency',
  async run(context: Context): Promise<Row[]> {
    const dir = context.tempDir('s5');
    const count = context.size(2_000);
    const events = makeEvents(count, { seed: 5, ids: 'v7' });

    const parley = async (subscribers: number, run: number): Promise<Latency> => {
      const path = dbPath(dir, `parley-${subscribers}-${run}`);
      const store = openParley(path);
      const latencies: number[] = [];
      let started = 0;
      let remaining = 0;
      let delivered: () => void = () => undefined;
      const subscriptions: Subscription[] = [];
      await Promise.all(
        Array.from({ length: subscribers }, () =>
          new Promise<void>((ready, fail) => {
            subscriptions.push(
              store.subscribe({}).subscribe({
                next: (message) => {
                  if (message.kind === 'caught-up') return ready();
                  latencies.push(now() - started);
                  if (--remaining === 0) delivered();
                },
                error: fail,
              }),
            );
          }),
        ),
      );
      const bar = context.progress.bar(`5 Parley push to ${subscribers} subscriber(s) (run ${run + 1})`, count);
      for (const event of events) {
        const arrived = new Promise<void>((resolve) => (delivered = resolve));
        remaining = subscribers;
        started = now();
        await store.append(streamOf(event.negotiation), [event]);
        await arrived;
        bar.tick();
      }
      bar.done();
      subscriptions.forEach((s) => s.unsubscribe());
      await store.close();
      removeDb(path);
      return summarize(latencies);
    };

    const raw = async (subscribers: number, run: number): Promise<Latency> => {
      const path = dbPath(dir, `raw-${subscribers}-${run}`);
      const db = openRaw(path, { cacheSizeKiB: 65_536 });
      const pusher = rawPusher(db);
      const latencies: number[] = [];
      let started = 0;
      for (let i = 0; i < subscribers; i++) pusher.listen(() => latencies.push(now() - started));
      const bar = context.progress.bar(`5 raw push to ${subscribers} subscriber(s) (run ${run + 1})`, count);
      for (const event of events) {
        started = now();
        pusher.append(streamOf(event.negotiation), [event]);
        await new Promise((resolve) => setImmediate(resolve));
        bar.tick();
      }
      bar.done();
      db.close();
      removeDb(path);
      return summarize(latencies);
    };

    /** Another process appends to the same file while this one appends too and has a subscriber. */
    const crossProcess = async (run: number): Promise<Latency & { errors: string[]; delivered: number; expected: number }> => {
      const path = dbPath(dir, `cross-${run}`);
      const store = openParley(path);
      const childCount = context.size(500);
      const received = new Map<string, number>();
      const subscription = await new Promise<Subscription>((ready, fail) => {
        const s = store.subscribe({}).subscribe({
          next: (message) => (message.kind === 'caught-up' ? ready(s) : received.set(message.event.id, wallClock())),
          error: fail,
        });
      });
      const startedAt = new Map<string, number>();
      const errors: string[] = [];
      const bar = context.progress.bar(`5 cross-process delivery (run ${run + 1})`, childCount);
      const child = fork(join(__dirname, 'cross-writer.js'), [path, String(childCount), String(50 + run)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      const childDone = new Promise<void>((resolve, reject) => {
        child.on('message', (message: { kind: string; id?: string; started?: number; errors?: string[] }) => {
          if (message.kind === 'appended') {
            startedAt.set(message.id as string, message.started as number);
            bar.tick();
          } else if (message.kind === 'done') {
            errors.push(...(message.errors ?? []).map((e) => `other process: ${e}`));
            resolve();
          }
        });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 || code === null ? resolve() : reject(new Error(`cross-process writer exited with ${code}`))));
      });
      // This process writes too, so that both fight for the write lock while the subscriber reads.
      let writing = true;
      const own = makeEvents(context.size(5_000), { seed: 60 + run, ids: 'v7' });
      const ownWrites = (async () => {
        for (const event of own) {
          if (!writing) return;
          try {
            await store.append(streamOf(event.negotiation), [event]);
          } catch (error) {
            errors.push(`this process: ${(error as Error).message}`);
          }
          await pause(2 + Math.random() * 8);
        }
      })();
      await childDone;
      writing = false;
      await ownWrites;
      const deadline = Date.now() + 5_000;
      while ([...startedAt.keys()].some((id) => !received.has(id)) && Date.now() < deadline) await pause(10);
      bar.done();
      subscription.unsubscribe();
      await store.close();
      removeDb(path);
      const latencies = [...startedAt].flatMap(([id, started]) => (received.has(id) ? [(received.get(id) as number) - started] : []));
      return { ...summarize(latencies), errors, delivered: latencies.length, expected: startedAt.size };
    };

    const { emmett } = context;
    const emmettConsumer = emmett
      ? async (run: number): Promise<Latency & { errors: number }> => {
          const path = dbPath(dir, `emmett-${run}`);
          const store = emmett.getSQLiteEventStore({ fileName: path });
          await store.schema.migrate();
          const n = context.size(30);
          const received = new Map<string, number>();
          let arrived: () => void = () => undefined;
          let waitingFor = '';
          const consumer = store.consumer();
          consumer.processor({
            processorId: `bench-${run}`,
            startFrom: 'END',
            eachMessage: (message) => {
              const id = (message.data as { id: string }).id;
              received.set(id, now());
              if (id === waitingFor) arrived();
            },
          });
          const running = consumer.start().catch(() => undefined);
          let errors = 0;
          const latencies: number[] = [];
          const bar = context.progress.bar(`5 Emmett consumer delivery (run ${run + 1})`, n);
          for (const event of events.slice(0, n)) {
            await pause(Math.random() * 50);
            const got = new Promise<void>((resolve) => (arrived = resolve));
            waitingFor = event.id;
            const started = now();
            try {
              await store.appendToStream(streamOf(event.negotiation), [toEmmett(event)]);
              await Promise.race([got, pause(5_000)]);
              if (received.has(event.id)) latencies.push((received.get(event.id) as number) - started);
            } catch {
              errors++;
            }
            bar.tick();
          }
          bar.done();
          await consumer.close();
          await running;
          removeDb(path);
          return { ...summarize(latencies), errors };
        }
      : undefined;

    const results = { p1: [] as Latency[], r1: [] as Latency[], p100: [] as Latency[], r100: [] as Latency[], cross: [] as Awaited<ReturnType<typeof crossProcess>>[], emmett: [] as (Latency & { errors: number })[] };
    let emmettFailure: string | undefined;
    for (let run = 0; run < context.runs; run++) {
      results.p1.push(await parley(1, run));
      results.r1.push(await raw(1, run));
      results.p100.push(await parley(100, run));
      results.r100.push(await raw(100, run));
      results.cross.push(await crossProcess(run));
      if (emmettConsumer && emmettFailure === undefined) {
        try {
          results.emmett.push(await emmettConsumer(run));
        } catch (error) {
          emmettFailure = `Emmett failed in run ${run + 1}: ${(error as Error).message}`;
        }
      }
    }
    const p50 = (list: Latency[]) => stat(list.map((l) => l.p50));
    const p99 = (list: Latency[]) => stat(list.map((l) => l.p99));
    const unit = 'ms';
    const busy = results.cross.flatMap((c) => c.errors);
    const undelivered = results.cross.reduce((n, c) => n + (c.expected - c.delivered), 0);
    const rows: Row[] = [
      row({ scenario: '5', label: 'push to 1 subscriber, p50', unit, parley: p50(results.p1), baselineName: 'raw push', baseline: p50(results.r1) }),
      row({ scenario: '5', label: 'push to 1 subscriber, p99', unit, parley: p99(results.p1), baselineName: 'raw push', baseline: p99(results.r1), target: { kind: 'ratio-at-most', value: 2 } }),
      row({ scenario: '5', label: 'push to 100 subscribers, p50', unit, parley: p50(results.p100), baselineName: 'raw push', baseline: p50(results.r100) }),
      row({ scenario: '5', label: 'push to 100 subscribers, p99', unit, parley: p99(results.p100), baselineName: 'raw push', baseline: p99(results.r100), target: { kind: 'ratio-at-most', value: 2 } }),
      row({
        scenario: '5', label: 'another process appending, p50', unit, parley: p50(results.cross), target: { kind: 'below', value: 100 },
        note: `Both processes append single events to the file (${undelivered} undelivered); detection by the data_version poll.`,
      }),
      row({ scenario: '5', label: 'another process appending, p99', unit, parley: p99(results.cross) }),
      row({
        scenario: '5', label: 'append failures (SQLITE_BUSY or other) surfaced, both processes', unit: 'errors', parley: stat(results.cross.map((c) => c.errors.length)),
        target: { kind: 'below', value: 1 }, note: busy.length ? busy.slice(0, 3).join('; ') : undefined,
      }),
    ];
    if (results.emmett.length) {
      rows.push(
        row({
          scenario: '5', label: 'push to 1 subscriber, p50, vs Emmett consumer', unit, parley: p50(results.p1), baselineName: `Emmett ${emmett?.version} consumer`, baseline: p50(results.emmett),
          note: `Emmett's consumer polls (backing off to 1 s when idle); ${results.emmett.reduce((n, e) => n + e.errors, 0)} append errors.`,
        }),
      );
    } else {
      rows.push(unavailableRow('5', 'push to 1 subscriber vs Emmett consumer', '(info)', emmettFailure ?? context.emmettProblem ?? 'Emmett not loaded'));
    }
    return rows;
  },
};
