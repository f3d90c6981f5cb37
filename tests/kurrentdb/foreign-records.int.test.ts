import { binaryEvent, EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { firstValueFrom } from 'rxjs';
import { takeWhile, toArray } from 'rxjs/operators';
import { streamOf } from '../../events';
import { NegotiationStreamDeletedError } from '../../src/store/kurrentdb/errors';
import { getKurrentDBEventStore, KurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { collect, events } from '../support/event-builders';
import { InProcessKurrentDB, startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

const NAFTA = streamOf('nafta-renegotiation');
const STEEL = streamOf('steel-talks');
const NS = 'foreign-';

describe('given negotiation streams holding records Parley never wrote: a hard delete ($streamDeleted), a $-typed system record, a binary record', () => {
  let db: InProcessKurrentDB;
  let raw: EventStoreDBClient;
  let before: KurrentDBEventStore;
  let after: KurrentDBEventStore;
  let kept: Awaited<ReturnType<KurrentDBEventStore['append']>>;
  let deleted: Awaited<ReturnType<KurrentDBEventStore['append']>>;
  beforeAll(async () => {
    db = await startInProcessKurrentDB();
    raw = EventStoreDBClient.connectionString(db.connectionString);
    before = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: NS });
    deleted = await before.append(NAFTA, events(2));
    kept = await before.append(STEEL, events(2, () => ({ negotiation: 'steel-talks' })));
    await raw.appendToStream(`${NS}${STEEL}`, jsonEvent({ type: '$operator-note', data: { note: 'not Parley' } }));
    await raw.appendToStream(`${NS}${STEEL}`, binaryEvent({ type: 'Blob', data: Uint8Array.of(1, 2, 3) }));
    await raw.tombstoneStream(`${NS}${NAFTA}`);
    after = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: NS });
  });
  afterAll(async () => {
    await Promise.all([before.close(), after.close()]);
    await raw.dispose();
    await db.stop();
  });

  it('when a new process opens the store, then it starts (no NotAParleyEventError), skips them, and the deleted negotiation is gone from summary, getEvent and readStream', async () => {
    expect(await after.headPosition()).toBe(kept.events[1].position);
    expect(await after.summary()).toEqual([{ negotiation: 'steel-talks', issue: 'auto-rules-of-origin', events: 2 }]);
    expect(await after.getEvent(deleted.events[0].id)).toBeUndefined();
    expect(await collect(after.readStream(NAFTA))).toEqual([]);
    expect((await collect(after.readStream(STEEL))).map((e) => e.id)).toEqual(kept.events.map((e) => e.id));
    expect((await after.health()).skippedRecords).toBe(3);
  });

  it('when $all is read or subscribed from the start, then only Parley events come (KurrentDB keeps the deleted events in $all until a scavenge)', async () => {
    const read = (await collect(after.readAll())).map((e) => e.id);
    expect(read).toEqual([...deleted.events, ...kept.events].map((e) => e.id));
    const received = await firstValueFrom(after.subscribe({ fromPosition: 0n }).pipe(takeWhile((m) => m.kind === 'event'), toArray()));
    expect(received.map((m) => (m.kind === 'event' ? m.event.id : m.kind))).toEqual(read);
  });

  it('when the process that was already live sees the tombstone arrive, then it forgets that negotiation too', async () => {
    expect(await before.summary()).toEqual([{ negotiation: 'steel-talks', issue: 'auto-rules-of-origin', events: 2 }]);
    expect(await before.getEvent(deleted.events[1].id)).toBeUndefined();
  });

  it('when someone appends to the deleted negotiation, then the refusal says so (410), instead of an unknown 500', async () => {
    const error = await after.append(NAFTA, events(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NegotiationStreamDeletedError);
    expect(error).toMatchObject({ status: 410, code: 'negotiation_stream_deleted' });
  });
});
