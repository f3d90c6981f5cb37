import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { batchesOf, generateEvents } from '../data';
import { Context, row, Row, Scenario, stat } from '../harness';
import { bigStore } from './big-store';
import { dbPath, openParley } from './common';

const run = promisify(execFile);

interface ChildResult {
  events: number;
  seconds: number;
  peakRssMB: number;
}

const replayInChild = async (path: string, mode: 'parley' | 'raw'): Promise<ChildResult> => {
  const { stdout } = await run(process.execPath, [join(__dirname, 'replay-child.js'), path, mode], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as ChildResult;
};

/**
 * Scenario 7: peak RSS of scenario 3's replay (Parley's readAll + the issue-state fold), each in a
 * fresh process, on the big store and on a store a tenth its size: flat in store size means the
 * log is streamed, never held whole.
 */
export const replayMemory: Scenario = {
  id: '7',
  title: 'peak memory (RSS) during replay',
  async run(context: Context): Promise<Row[]> {
    const big = await bigStore(context);
    const smallCount = Math.round(big.count / 10);
    const smallPath = dbPath(context.tempDir('s7'), 'parley-small');
    const store = openParley(smallPath);
    const build = context.progress.bar(`7 building a ${smallCount.toLocaleString('en-US')}-event store`, smallCount);
    for (const batch of batchesOf(generateEvents(smallCount, { seed: 3, ids: 'v7' }), 1_000)) {
      await store.append(batch.stream, batch.events);
      build.tick(batch.events.length);
    }
    build.done();
    await store.close();

    const samples = { big: [] as ChildResult[], small: [] as ChildResult[], raw: [] as ChildResult[] };
    const bar = context.progress.bar('7 replays in fresh processes', context.runs * 3);
    for (let i = 0; i < context.runs; i++) {
      samples.big.push(await replayInChild(big.path, 'parley'));
      bar.tick();
      samples.small.push(await replayInChild(smallPath, 'parley'));
      bar.tick();
      samples.raw.push(await replayInChild(big.path, 'raw'));
      bar.tick();
    }
    bar.done();
    for (const result of [...samples.big, ...samples.raw]) {
      if (result.events !== big.count) throw new Error(`a replay child read ${result.events} events, expected ${big.count}`);
    }
    const rss = (list: ChildResult[]) => stat(list.map((r) => r.peakRssMB));
    const unit = 'MB';
    return [
      row({
        scenario: '7', label: `peak RSS, replay of ${big.count.toLocaleString('en-US')} events`, unit, parley: rss(samples.big), baselineName: 'raw read (same process shape)', baseline: rss(samples.raw),
        target: { kind: 'below', value: 300 },
      }),
      row({
        scenario: '7', label: `peak RSS growth, ${smallCount.toLocaleString('en-US')} → ${big.count.toLocaleString('en-US')} events`, unit, parley: rss(samples.big),
        baselineName: `Parley on ${smallCount.toLocaleString('en-US')}`, baseline: rss(samples.small), target: { kind: 'ratio-at-most', value: 1.25 },
        note: 'Flat in store size: ten times the events may cost at most a quarter more memory.',
      }),
    ];
  },
};
