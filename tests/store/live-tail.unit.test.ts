import { Subject } from 'rxjs';
import { StoredEvent } from '../../events';
import { createLiveTail } from '../../src/store/live-tail';
import { anEvent } from '../support/event-builders';

/** A log in memory that counts the tail's reads of it, and a started tail following it with one listener. */
const given = async (committedBefore: number) => {
  const log: StoredEvent[] = [];
  const external = new Subject<unknown>();
  let reads = 0;
  const commit = (): StoredEvent => {
    const position = BigInt(log.length + 1);
    const event = { ...anEvent({ id: `e-${position}` }), position, streamRevision: position - 1n, recordedAt: '2026-12-03T00:00:00.000Z' } as StoredEvent;
    log.push(event);
    return event;
  };
  for (let i = 0; i < committedBefore; i++) commit();
  const tail = createLiveTail({
    readAll: async function* ({ fromPosition = 0n }) {
      reads++;
      for (const event of log.filter((e) => e.position > fromPosition)) yield event;
    },
    headPosition: async () => BigInt(log.length),
    externalChanges$: external,
  });
  const seen: bigint[] = [];
  const subscription = tail.events$.subscribe((event) => seen.push(event.position));
  const settled = () => new Promise((resolve) => setTimeout(resolve, 5));
  await tail.ready();
  await settled();
  const readsAtStart = reads;
  return { tail, commit, external, seen, readsSinceStart: () => reads - readsAtStart, settled, close: () => subscription.unsubscribe() };
};

describe('the live tail', () => {
  it('given events committed in this process that continue the tail, when they are handed over, then they are emitted without reading the log', async () => {
    const { tail, commit, seen, readsSinceStart, settled, close } = await given(3);

    const committed = [commit(), commit()];
    tail.committed(() => committed);
    await settled();

    expect(seen).toEqual([4n, 5n]);
    expect(readsSinceStart()).toBe(0);
    close();
  });

  it('given handed-over events out of order, when the turn ends, then they are emitted in position order', async () => {
    const { tail, commit, seen, readsSinceStart, settled, close } = await given(0);

    const [first, second] = [commit(), commit()];
    tail.committed(() => [second]);
    tail.committed(() => [first]);
    await settled();

    expect(seen).toEqual([1n, 2n]);
    expect(readsSinceStart()).toBe(0);
    close();
  });

  it('given another process committed in between, when this process hands over its later events, then the tail reads the log and misses nothing', async () => {
    const { tail, commit, seen, readsSinceStart, settled, close } = await given(1);

    commit(); // another process's, not handed over
    const mine = commit();
    tail.committed(() => [mine]);
    await settled();

    expect(seen).toEqual([2n, 3n]);
    expect(readsSinceStart()).toBe(1);
    close();
  });

  it('given a poke or an external change, when the tail pumps, then it reads the log', async () => {
    const { tail, commit, external, seen, settled, close } = await given(0);
    commit();
    tail.poke();
    await settled();
    commit();
    external.next(undefined);
    await settled();

    expect(seen).toEqual([1n, 2n]);
    close();
  });

  it('given nobody listens, when events are handed over, then they are not even built', () => {
    const tail = createLiveTail({ readAll: async function* () {}, headPosition: async () => 0n, externalChanges$: new Subject() });
    const build = jest.fn(() => []);
    tail.committed(build);
    expect(build).not.toHaveBeenCalled();
  });
});
