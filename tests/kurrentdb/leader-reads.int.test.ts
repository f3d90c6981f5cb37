import { EventStoreDBClient } from '@eventstore/db-client';
import { streamOf } from '../../events';
import { getKurrentDBEventStore, KurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { collect, events } from '../support/event-builders';
import { InProcessKurrentDB, startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

const NAFTA = streamOf('nafta-renegotiation');

describe('given a client whose node is a follower one write behind the leader (after a failover)', () => {
  let db: InProcessKurrentDB;
  let raw: EventStoreDBClient;
  let store: KurrentDBEventStore;
  beforeAll(async () => {
    db = await startInProcessKurrentDB();
    raw = EventStoreDBClient.connectionString(db.connectionString);
    store = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: 'leader-' });
    await store.append(NAFTA, events(1));
    db.setLaggingFollower(true);
  });
  afterAll(async () => {
    db.setLaggingFollower(false);
    await store.close();
    await raw.dispose();
    await db.stop();
  });

  it('when an append is confirmed, then its read-back goes to the leader: the caller gets the stored events, not a 500 for a write that succeeded', async () => {
    const batch = events(2);
    const result = await store.append(NAFTA, batch);
    expect(result).toMatchObject({ appended: 2, nextExpectedRevision: 2n });
    expect(result.events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
    // What a read without requires-leader sees on that node: the write is missing.
    expect((await collect(raw.readStream(`leader-${NAFTA}`))).map((e) => e.event!.revision)).toEqual([0n]);
    // The port's reads (revision for the next decision, queries) see it.
    expect((await collect(store.readStream(NAFTA, { direction: 'backwards', limit: 1 })))[0].id).toBe(batch[1].id);
    expect((await collect(store.readAll())).map((e) => e.id).slice(-2)).toEqual(batch.map((e) => e.id));
  });

  it('when the leader moved and the read-back is answered NotLeader, then the client reconnects and the read is made once more, there', async () => {
    db.answerNextLeaderReadWithNotLeader();
    const batch = events(1);
    expect(await store.append(NAFTA, batch)).toMatchObject({ appended: 1, events: [{ id: batch[0].id }] });
  });
});
