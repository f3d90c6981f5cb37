import { toEmmett } from '../baselines/emmett';
import { openRaw, rawWriter } from '../baselines/raw-sqlite';
import { batchesOf, makeEvents } from '../data';
import { Context, interleaved, row, Row, Scenario, Stat, unavailableRow } from '../harness';
import { dbPath, openParley, ratePerSecond, removeDb } from './common';

const BATCH = 100;

/**
 * Scenario 2: batched appends, 100 events per append. Parley with its defaults and the ids the
 * command layer assigns (uuid v7); raw tuned (v7 ids, 64 MiB page cache) is the target's baseline,
 * raw plain (random v4 ids, SQLite's default 2 MiB cache) is shown for reference.
 */
export const batchedAppends: Scenario = {
  id: '2',
  title: 'batched appends, 100 events per append',
  async run(context: Context): Promise<Row[]> {
    const count = context.size(200_000);
    const batches = [...batchesOf(makeEvents(count, { ids: 'v7', seed: 2 }), BATCH)];
    const plainBatches = [...batchesOf(makeEvents(count, { ids: 'v4', seed: 2 }), BATCH)];
    const dir = context.tempDir('s2');
    const { emmett } = context;

    const raw = (name: string, input: typeof batches, cacheSizeKiB?: number) => async (run: number) => {
      const path = dbPath(dir, `${name}-${run}`);
      const db = openRaw(path, { cacheSizeKiB });
      const write = rawWriter(db);
      const bar = context.progress.bar(`2 ${name} (run ${run + 1})`, count);
      const rate = await ratePerSecond(count, () => {
        for (const batch of input) {
          write(batch.stream, batch.events);
          bar.tick(batch.events.length);
        }
      });
      bar.done();
      db.close();
      removeDb(path);
      return rate;
    };
    const parley = (writer: 'thread' | 'inline') => async (run: number) => {
      const path = dbPath(dir, `parley-${writer}-${run}`);
      const store = openParley(path, writer);
      const bar = context.progress.bar(`2 Parley batches of ${BATCH}, writer ${writer} (run ${run + 1})`, count);
      const rate = await ratePerSecond(count, async () => {
        for (const batch of batches) {
          await store.append(batch.stream, batch.events);
          bar.tick(batch.events.length);
        }
      });
      bar.done();
      await store.close();
      removeDb(path);
      return rate;
    };
    const contenders: Record<string, (run: number) => Promise<number>> = {
      parley: parley('thread'),
      parleyInline: parley('inline'),
      rawTuned: raw('raw tuned (v7 ids, 64 MiB cache)', batches, 65_536),
      rawPlain: raw('raw plain (v4 ids, default cache)', plainBatches),
    };
    if (emmett) {
      contenders.emmett = async (run) => {
        const path = dbPath(dir, `emmett-${run}`);
        const store = emmett.getSQLiteEventStore({ fileName: path });
        await store.schema.migrate();
        const bar = context.progress.bar(`2 Emmett batches of ${BATCH} (run ${run + 1})`, count);
        const rate = await ratePerSecond(count, async () => {
          for (const batch of batches) {
            await store.appendToStream(batch.stream, batch.events.map(toEmmett));
            bar.tick(batch.events.length);
          }
        });
        bar.done();
        removeDb(path);
        return rate;
      };
    }
    const failures: Record<string, string> = {};
    const stats = (await interleaved(context.runs, contenders, failures)) as Record<string, Stat>;
    if (!stats.parley || !stats.rawTuned || !stats.rawPlain) throw new Error(Object.values(failures).join('; '));
    const unit = 'events/s';
    const label = `batches of ${BATCH}, ${count.toLocaleString('en-US')} events`;
    return [
      row({ scenario: '2', label, unit, parley: stats.parley, baselineName: 'raw tuned', baseline: stats.rawTuned, target: { kind: 'ratio-at-least', value: 0.7 } }),
      row({ scenario: '2', label: `${label} vs raw plain`, unit, parley: stats.parley, baselineName: 'raw plain', baseline: stats.rawPlain }),
      row({
        scenario: '2', label: `${label}, writer inline (on the event loop)`, unit, parley: stats.parleyInline, baselineName: 'raw tuned', baseline: stats.rawTuned,
        note: 'The same appends committed on the caller\'s event loop: what the writer thread costs one sequential writer (each batch waits for two thread wake-ups).',
      }),
      stats.emmett
        ? row({ scenario: '2', label: `${label} vs Emmett`, unit, parley: stats.parley, baselineName: `Emmett ${emmett?.version}`, baseline: stats.emmett, target: { kind: 'ratio-at-least', value: 2 } })
        : unavailableRow('2', `${label} vs Emmett`, '≥ 2×', failures.emmett ? `Emmett ${failures.emmett}` : context.emmettProblem ?? 'Emmett not loaded'),
    ];
  },
};
