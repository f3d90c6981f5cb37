import { ParleyEvent } from '../../events';
import { toEmmett } from '../baselines/emmett';
import { batchesOf, generateEvents } from '../data';
import { Context } from '../harness';
import { dbPath, openParley } from './common';

/** Every HOT_EVERY-th event of the big store belongs to one issue (scenario 4's issue of 10 000 events in 1 000 000). */
const HOT_EVERY = 100;
export const HOT_ISSUE = { negotiation: 'bench-hot-talks', issue: 'auto-rules-of-origin' } as const;

export interface BigStore {
  path: string;
  count: number;
  hot: { negotiation: string; issue: string; events: number };
  buildSeconds: number;
}

/** The events of the big store, generated lazily in the same order for Parley and Emmett. */
function* bigStoreEvents(count: number): Generator<ParleyEvent> {
  const background = generateEvents(count, { ids: 'v7', seed: 3 });
  const hot = generateEvents(Math.ceil(count / HOT_EVERY), { ids: 'v7', seed: 4, only: HOT_ISSUE });
  for (let i = 0; i < count; i++) {
    const next = i % HOT_EVERY === 0 ? hot.next() : background.next();
    yield next.value as ParleyEvent;
  }
}

/**
 * The 1 000 000-event store (a tenth with --quick), built once per run through the fastest honest
 * path — batched appends of 1 000 through the port — and shared by the scenarios that read it.
 */
export const bigStore = async (context: Context): Promise<BigStore> => {
  const cached = context.shared.get('bigStore') as BigStore | undefined;
  if (cached) return cached;
  const count = context.size(1_000_000);
  const path = dbPath(context.tempDir('big'), 'parley-1m');
  const store = openParley(path);
  const bar = context.progress.bar(`building the ${count.toLocaleString('en-US')}-event Parley store`, count);
  const started = performance.now();
  for (const batch of batchesOf(bigStoreEvents(count), 1_000)) {
    await store.append(batch.stream, batch.events);
    bar.tick(batch.events.length);
  }
  bar.done();
  await store.close();
  const built: BigStore = {
    path,
    count,
    hot: { ...HOT_ISSUE, events: Math.ceil(count / HOT_EVERY) },
    buildSeconds: (performance.now() - started) / 1000,
  };
  context.shared.set('bigStore', built);
  return built;
};

/** The same events in an Emmett store (batches of 2 000 through appendToStream), built once per run. */
export const emmettBigStore = async (context: Context): Promise<string | undefined> => {
  const { emmett } = context;
  if (!emmett) return undefined;
  const cached = context.shared.get('emmettBigStore') as string | undefined;
  if (cached) return cached;
  const count = context.size(1_000_000);
  const path = dbPath(context.tempDir('big-emmett'), 'emmett-1m');
  const store = emmett.getSQLiteEventStore({ fileName: path });
  await store.schema.migrate();
  const bar = context.progress.bar(`building the ${count.toLocaleString('en-US')}-event Emmett store`, count);
  for (const batch of batchesOf(bigStoreEvents(count), 2_000)) {
    await store.appendToStream(batch.stream, batch.events.map(toEmmett));
    bar.tick(batch.events.length);
  }
  bar.done();
  context.shared.set('emmettBigStore', path);
  return path;
};

/**
 * Scenario 4's small store: only the hot issue's events (the same generator and seed as the big
 * store's hot issue, so the same values and dates), i.e. a store of 10 000 events (1 000 with
 * --quick) that holds one issue as big as the big store's. Built once per run through the port.
 */
export const hotOnlyStore = async (context: Context): Promise<BigStore> => {
  const cached = context.shared.get('hotOnlyStore') as BigStore | undefined;
  if (cached) return cached;
  const count = Math.ceil(context.size(1_000_000) / HOT_EVERY);
  const path = dbPath(context.tempDir('hot'), 'parley-hot');
  const store = openParley(path);
  const started = performance.now();
  for (const batch of batchesOf(generateEvents(count, { ids: 'v7', seed: 4, only: HOT_ISSUE }), 1_000)) {
    await store.append(batch.stream, batch.events);
  }
  await store.close();
  const built: BigStore = { path, count, hot: { ...HOT_ISSUE, events: count }, buildSeconds: (performance.now() - started) / 1000 };
  context.shared.set('hotOnlyStore', built);
  return built;
};
