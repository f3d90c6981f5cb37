/**
 * Child process of scenario 7: replays a store in a fresh process, so that its peak RSS is the
 * replay's alone, and prints {events, seconds, peakRssMB} as JSON.
 */
import Database from 'better-sqlite3';
import { rawReadAll } from '../baselines/raw-sqlite';
import { projectionFold, trivialFold } from '../fold';
import { openParley } from './common';

const [path, mode] = process.argv.slice(2);

const main = async (): Promise<void> => {
  const started = performance.now();
  let events: number;
  if (mode === 'raw') {
    const db = new Database(path, { readonly: true });
    const fold = trivialFold();
    rawReadAll(db, (event) => fold.apply(event));
    events = fold.result().events;
    db.close();
  } else {
    const store = openParley(path);
    const fold = projectionFold();
    for await (const event of store.readAll()) fold.apply(event);
    events = fold.result().events;
    await store.close();
  }
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ events, seconds: (performance.now() - started) / 1000, peakRssMB })}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
