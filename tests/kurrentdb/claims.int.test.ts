import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { streamOf } from '../../events';
import { canonicalBody } from '../../src/store/event-body';
import { IdempotencyConflictError } from '../../src/store/errors';
import { contentDigest } from '../../src/store/kurrentdb/event-encoding';
import { getKurrentDBEventStore, KurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { streamNames } from '../../src/store/kurrentdb/stream-names';
import { anEvent, collect } from '../support/event-builders';
import { InProcessKurrentDB, startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

const NAFTA = streamOf('nafta-renegotiation');
const STEEL = streamOf('steel-talks');
const RACES = 8;

/**
 * Two stores with their own client, id index and lock: two Parley processes. Each race starts both
 * appends together, after both indexes are live, so neither index can know the other's write.
 */
describe('given two processes on one KurrentDB', () => {
  let db: InProcessKurrentDB;
  let raw: EventStoreDBClient;
  let one: KurrentDBEventStore;
  let two: KurrentDBEventStore;
  let n = 0;
  beforeAll(async () => {
    db = await startInProcessKurrentDB();
    raw = EventStoreDBClient.connectionString(db.connectionString);
  });
  beforeEach(async () => {
    const namespace = `claims${++n}-`;
    one = getKurrentDBEventStore({ connectionString: db.connectionString, namespace });
    two = getKurrentDBEventStore({ connectionString: db.connectionString, namespace });
    await Promise.all([one.headPosition(), two.headPosition()]);
  });
  afterEach(() => Promise.all([one.close(), two.close()]));
  afterAll(async () => {
    await raw.dispose();
    await db.stop();
  });

  const storedIds = async () => (await collect(one.readAll())).map((e) => e.id);

  it('when both record one new id in different negotiations at once, then exactly one succeeds and the other is an idempotency conflict', async () => {
    const ids = Array.from({ length: RACES }, () => randomUUID());
    const results = await Promise.allSettled(
      ids.flatMap((id) => [one.append(NAFTA, [anEvent({ id })]), two.append(STEEL, [anEvent({ id, negotiation: 'steel-talks' })])]),
    );
    for (let i = 0; i < RACES; i++) {
      const pair = results.slice(2 * i, 2 * i + 2);
      expect(pair.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = pair.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(IdempotencyConflictError);
    }
    expect((await storedIds()).sort()).toEqual([...ids].sort());
  });

  it('when both record the same new event at once, then it is stored once: one reports it appended, the other a duplicate at the same position', async () => {
    const batches = Array.from({ length: RACES }, () => [anEvent()]);
    const results = await Promise.all(batches.flatMap((batch) => [one.append(NAFTA, batch), two.append(NAFTA, batch)]));
    for (let i = 0; i < RACES; i++) {
      const [a, b] = results.slice(2 * i, 2 * i + 2);
      expect(a.appended + b.appended).toBe(1);
      expect(a.duplicates + b.duplicates).toBe(1);
      expect(a.events[0].position).toBe(b.events[0].position);
    }
    expect((await storedIds()).sort()).toEqual(batches.map(([e]) => e.id).sort());
  });

  it('when an id was claimed by a writer that died before writing its event, then the claim is taken over and the event recorded once', async () => {
    const event = anEvent();
    const names = streamNames(two.namespace);
    const impatient = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: two.namespace, claimAbandonedAfterMs: 50 });
    await raw.appendToStream(
      names.claimStream(event.id),
      jsonEvent({ type: 'ParleyIdClaimed', data: { id: event.id, negotiation: event.negotiation, digest: contentDigest(canonicalBody(event)) } }),
      { expectedRevision: 'no_stream' },
    );
    try {
      expect(await impatient.append(NAFTA, [event])).toMatchObject({ appended: 1, duplicates: 0 });
      expect(await one.append(NAFTA, [event])).toMatchObject({ appended: 0, duplicates: 1 });
      expect(await storedIds()).toEqual([event.id]);
    } finally {
      await impatient.close();
    }
  });
});
