/**
 * Scenario 3's projection fold alone, without the store: N generated events (as stored events, in
 * memory) folded through `projectionFold` a few times, for `node --cpu-prof`:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/fold dist/bench/fold-profile.js 200000
 *   node dist/bench/profile-summary.js /tmp/fold/*.cpuprofile
 *
 * Prints µs per event for each round, the projection fold and the baselines' trivial fold.
 */
import { StoredEvent } from '../events';
import { generateEvents } from './data';
import { projectionFold, trivialFold } from './fold';

const count = Number(process.argv[2] ?? 200_000);
const events: StoredEvent[] = [];
let position = 0n;
for (const event of generateEvents(count, { ids: 'v7', seed: 3 })) {
  position += 1n;
  events.push({ ...event, position, streamRevision: position, recordedAt: '2026-01-01T00:00:00.000Z' } as StoredEvent);
}
for (let round = 0; round < 5; round++) {
  let started = performance.now();
  const fold = projectionFold();
  for (const event of events) fold.apply(event);
  const projection = ((performance.now() - started) * 1000) / count;
  started = performance.now();
  const trivial = trivialFold();
  for (const event of events) trivial.apply(event);
  const plain = ((performance.now() - started) * 1000) / count;
  process.stdout.write(`round ${round + 1}: projection fold ${projection.toFixed(2)} µs/event, trivial fold ${plain.toFixed(2)} µs/event\n`);
}
