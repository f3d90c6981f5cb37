import { BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';
import { firstValueFrom } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import { storedEventToJson, streamOf } from '../../events';
import { getKurrentDBEventStore, KurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { InvalidPositionError } from '../../src/store/kurrentdb/errors';
import { collect, events } from '../support/event-builders';
import { InProcessKurrentDB, startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

const NAFTA = streamOf('nafta-renegotiation');
const STEEL = streamOf('steel-talks');
const BASE = 2n ** 60n;

describe('given a KurrentDB whose commit positions start at 2^60', () => {
  let db: InProcessKurrentDB;
  let raw: EventStoreDBClient;
  let store: KurrentDBEventStore;
  beforeAll(async () => {
    db = await startInProcessKurrentDB({ initialPosition: BASE, systemEvents: false });
    raw = EventStoreDBClient.connectionString(db.connectionString);
    store = getKurrentDBEventStore({ connectionString: db.connectionString });
  });
  afterAll(async () => {
    await store.close();
    await raw.dispose();
    await db.stop();
  });

  it('when events are appended, then positions are the exact $all commit positions as bigint, far beyond 2^53 and not contiguous', async () => {
    const appended = await store.append(NAFTA, events(3));
    await store.append(STEEL, events(2, () => ({ negotiation: 'steel-talks' })));
    const positions = (await collect(store.readAll())).map((e) => e.position);
    expect(positions[0]).toBeGreaterThan(BASE);
    expect(positions.every((p) => typeof p === 'bigint' && p > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    const rawEvents = (await collect(raw.readAll())).filter((e) => e.event!.streamId.startsWith('negotiation-'));
    expect(positions).toEqual(rawEvents.map((e) => e.event!.position.commit));
    expect(appended.events.map((e) => e.position)).toEqual(positions.slice(0, 3));
    positions.slice(1).forEach((p, i) => expect(p - positions[i]).toBeGreaterThan(1n));
    expect(await store.headPosition()).toBe(positions[4]);
    expect(storedEventToJson(appended.events[1]).position).toBe(positions[1].toString());
  });

  it('when reading or subscribing from such a position, then the start is exclusive and exact', async () => {
    const all = await collect(store.readAll());
    const from = all[1].position;
    expect((await collect(store.readAll({ fromPosition: from }))).map((e) => e.position)).toEqual(all.slice(2).map((e) => e.position));
    expect((await collect(store.readAll({ fromPosition: from, direction: 'backwards' }))).map((e) => e.position)).toEqual([all[0].position]);
    expect((await collect(store.readAll({ fromPosition: from, filter: { negotiation: 'nafta-renegotiation' } }))).map((e) => e.id)).toEqual([all[2].id]);
    const received = await firstValueFrom(store.subscribe({ fromPosition: from }).pipe(filter((m) => m.kind === 'event'), take(all.length - 2), toArray()));
    expect(received.map((m) => (m.kind === 'event' ? m.event.position : undefined))).toEqual(all.slice(2).map((e) => e.position));
  });

  it('when a position inside an event is given (KurrentDB reads $all only from record boundaries), then reading and subscribing refuse it with a 400 naming it', async () => {
    const all = await collect(store.readAll());
    const inside = all[1].position + 1n;
    const read = await collect(store.readAll({ fromPosition: inside })).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(InvalidPositionError);
    expect(read).toMatchObject({ status: 400, code: 'invalid_position', position: inside });
    await expect(firstValueFrom(store.subscribe({ fromPosition: inside }))).rejects.toBeInstanceOf(InvalidPositionError);
    const [last] = await collect(raw.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    expect(await collect(store.readAll({ fromPosition: last.event!.position.commit + 10n ** 6n }))).toEqual([]);
  });

  it('when a checkpoint beyond 2^53 is stored, then it reads back exactly', async () => {
    await store.storeCheckpoint('far', BASE + 12345n);
    expect(await store.readCheckpoint('far')).toBe(BASE + 12345n);
  });
});
