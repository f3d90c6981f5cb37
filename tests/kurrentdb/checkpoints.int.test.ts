import { EventStoreDBClient } from '@eventstore/db-client';
import { getKurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { collect } from '../support/event-builders';
import { startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

describe('given two processes storing the same named checkpoint on one KurrentDB', () => {
  it('when both store at once, then every store lands (a conflict on the expected revision is retried), $maxCount is in place before the first checkpoint, and the last stored is read back', async () => {
    const db = await startInProcessKurrentDB();
    const raw = EventStoreDBClient.connectionString(db.connectionString);
    const one = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: 'cp-' });
    const two = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: 'cp-' });
    try {
      await Promise.all([1n, 2n, 3n].flatMap((p) => [one.storeCheckpoint('dashboard', p * 10n), two.storeCheckpoint('dashboard', p * 10n + 1n)]));
      const stored = await collect(raw.readStream('cp-parley-checkpoint-dashboard'));
      expect(stored.map((e) => e.event!.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      expect((await raw.getStreamMetadata('cp-parley-checkpoint-dashboard')).metadata).toMatchObject({ maxCount: 16 });
      const [metadata] = await collect(raw.readStream('$$cp-parley-checkpoint-dashboard'));
      expect(metadata.event!.position!.commit).toBeLessThan(stored[0].event!.position!.commit);
      const last = (stored[5].event!.data as { position: string }).position;
      expect(await one.readCheckpoint('dashboard')).toBe(BigInt(last));
      expect(await two.readCheckpoint('dashboard')).toBe(BigInt(last));
    } finally {
      await Promise.all([one.close(), two.close()]);
      await raw.dispose();
      await db.stop();
    }
  });
});
