/**
 * Child process of scenario 5: appends single events to the same store file as the parent, at
 * random intervals, and tells the parent (IPC) when each append started, on the shared wall clock.
 */
import { streamOf } from '../../events';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';
import { makeEvents } from '../data';

const [path, countText, seedText] = process.argv.slice(2);
const count = Number(countText);
const wallClock = (): number => performance.timeOrigin + performance.now();

const main = async (): Promise<void> => {
  const store = getSQLiteEventStore({ path });
  const events = makeEvents(count, { seed: Number(seedText), ids: 'v7' });
  const errors: string[] = [];
  for (const event of events) {
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 25));
    const started = wallClock();
    try {
      await store.append(streamOf(event.negotiation), [event]);
      process.send?.({ kind: 'appended', id: event.id, started });
    } catch (error) {
      errors.push(String((error as Error).message));
    }
  }
  await store.close();
  process.send?.({ kind: 'done', errors }, () => process.disconnect());
};

main().catch((error: unknown) => {
  process.send?.({ kind: 'done', errors: [String(error)] }, () => process.disconnect());
});
