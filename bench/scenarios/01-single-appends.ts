import { ParleyEvent, streamOf } from '../../events';
import { emmettSynchronous, toEmmett } from '../baselines/emmett';
import { openRaw, rawWriter } from '../baselines/raw-sqlite';
import { makeEvents } from '../data';
import { Context, interleaved, row, Row, Scenario, Stat, unavailableRow } from '../harness';
import { dbPath, openParley, ratePerSecond, removeDb } from './common';

const CONCURRENT_WRITERS = 32;

/**
 * Scenario 1: durable single-event appends — one append (one acknowledged, fsynced commit) per
 * event, default durability (WAL, synchronous=FULL). Also the same events from 32 concurrent
 * in-process writers, the store-level half of scenario 6's POST target (group commit).
 */
export const singleAppends: Scenario = {
  id: '1',
  title: 'durable single-event appends',
  async run(context: Context): Promise<Row[]> {
    const count = context.size(20_000);
    const events = makeEvents(count, { ids: 'v7', seed: 1 });
    const dir = context.tempDir('s1');
    const { emmett } = context;

    const singles = (writer: 'thread' | 'inline') => async (run: number) => {
      const path = dbPath(dir, `parley-${writer}-${run}`);
      const store = openParley(path, writer);
      const bar = context.progress.bar(`1 Parley single appends, writer ${writer} (run ${run + 1})`, count);
      const rate = await ratePerSecond(count, async () => {
        for (const event of events) {
          await store.append(streamOf(event.negotiation), [event]);
          bar.tick();
        }
      });
      bar.done();
      await store.close();
      removeDb(path);
      return rate;
    };
    const contenders: Record<string, (run: number) => Promise<number>> = {
      parley: singles('thread'),
      parleyInline: singles('inline'),
      raw: async (run) => {
        const path = dbPath(dir, `raw-${run}`);
        const db = openRaw(path);
        const write = rawWriter(db);
        const bar = context.progress.bar(`1 raw better-sqlite3 single (run ${run + 1})`, count);
        const rate = await ratePerSecond(count, () => {
          for (const event of events) {
            write(streamOf(event.negotiation), [event]);
            bar.tick();
          }
        });
        bar.done();
        db.close();
        removeDb(path);
        return rate;
      },
      concurrent: async (run) => {
        const path = dbPath(dir, `parley-concurrent-${run}`);
        const store = openParley(path);
        const bar = context.progress.bar(`1 Parley, ${CONCURRENT_WRITERS} concurrent writers (run ${run + 1})`, count);
        const lanes: ParleyEvent[][] = Array.from({ length: CONCURRENT_WRITERS }, () => []);
        events.forEach((event, i) => lanes[i % CONCURRENT_WRITERS].push(event));
        const rate = await ratePerSecond(count, () =>
          Promise.all(
            lanes.map(async (lane) => {
              for (const event of lane) {
                await store.append(streamOf(event.negotiation), [event]);
                bar.tick();
              }
            }),
          ).then(() => undefined),
        );
        bar.done();
        await store.close();
        removeDb(path);
        return rate;
      },
    };
    // Emmett's default pool opens a connection per operation: a few hundred appends/s, so it gets a
    // prefix of the same events, sized to take about as long as the others.
    const emmettCount = Math.min(count, context.quick ? 100 : 4_000);
    let synchronous = '?';
    if (emmett) {
      contenders.emmett = async (run) => {
        const path = dbPath(dir, `emmett-${run}`);
        const store = emmett.getSQLiteEventStore({ fileName: path });
        await store.schema.migrate();
        synchronous = await emmettSynchronous(emmett, path);
        const bar = context.progress.bar(`1 Emmett single appends (run ${run + 1})`, emmettCount);
        const rate = await ratePerSecond(emmettCount, async () => {
          for (const event of events.slice(0, emmettCount)) {
            await store.appendToStream(streamOf(event.negotiation), [toEmmett(event)]);
            bar.tick();
          }
        });
        bar.done();
        removeDb(path);
        return rate;
      };
    }
    const failures: Record<string, string> = {};
    const stats = (await interleaved(context.runs, contenders, failures)) as Record<string, Stat>;
    if (!stats.parley || !stats.raw || !stats.concurrent) throw new Error(Object.values(failures).join('; '));
    const unit = 'events/s';
    const rows: Row[] = [
      row({
        scenario: '1', label: `single-event appends, ${count.toLocaleString('en-US')} events`, unit, parley: stats.parley, baselineName: 'raw', baseline: stats.raw, target: { kind: 'ratio-at-least', value: 0.8 },
        note: 'As parley serve opens the store: every commit on the writer thread, so one lone append waits for two thread wake-ups besides its fsync.',
      }),
      row({
        scenario: '1', label: 'single-event appends, writer inline (on the event loop)', unit, parley: stats.parleyInline, baselineName: 'raw', baseline: stats.raw,
        note: 'The same store committing on the caller\'s event loop (writer: \'inline\', as an in-memory store does): what the writer thread costs a lone sequential writer.',
      }),
    ];
    rows.push(
      stats.emmett
        ? row({
            scenario: '1', label: 'single-event appends vs Emmett', unit, parley: stats.parley, baselineName: `Emmett ${emmett?.version}`, baseline: stats.emmett,
            target: { kind: 'ratio-at-least', value: 10 },
            note: `Emmett appended the first ${emmettCount.toLocaleString('en-US')} of the same events (default pool: a connection per operation; synchronous=${synchronous}).`,
          })
        : unavailableRow('1', 'single-event appends vs Emmett', '≥ 10×', failures.emmett ? `Emmett ${failures.emmett}` : context.emmettProblem ?? 'Emmett not loaded'),
    );
    rows.push(
      row({
        scenario: '1', label: `${CONCURRENT_WRITERS} concurrent writers, single-event appends (store level of 6)`, unit, parley: stats.concurrent, baselineName: 'raw single', baseline: stats.raw,
        target: { kind: 'ratio-at-least', value: 2 },
        note: 'Every append is acknowledged only after its own durable commit; concurrent appends share commits (group commit).',
      }),
    );
    return rows;
  },
};
