import { EventStoreDBClient } from '@eventstore/db-client';
import { firstValueFrom } from 'rxjs';
import { streamOf } from '../../events';
import { UnsupportedKurrentDBVersionError } from '../../src/store/kurrentdb/errors';
import { getKurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { collect, events } from '../support/event-builders';
import { startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

describe('given a KurrentDB older than 24.2, whose subscriptions never send CaughtUp', () => {
  it('when the store is used, then every operation that needs a caught-up view fails at once with a clear error instead of waiting forever; reads still work', async () => {
    const db = await startInProcessKurrentDB({ serverVersion: '23.10.1' });
    const raw = EventStoreDBClient.connectionString(db.connectionString);
    const store = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: 'old-' });
    try {
      // The double really behaves like 23.10: a raw subscription gets the log, then nothing says "caught up".
      let caughtUp = false;
      const subscription = raw.subscribeToAll();
      subscription.on('caughtUp', () => (caughtUp = true));
      await new Promise((resolve) => subscription.once('data', resolve));
      await collect(raw.readAll()); // a full round trip after the subscription's catch-up was sent
      expect(caughtUp).toBe(false);
      await subscription.unsubscribe();

      const append = await store.append(streamOf('nafta-renegotiation'), events(1)).catch((e: unknown) => e);
      expect(append).toBeInstanceOf(UnsupportedKurrentDBVersionError);
      expect(append).toMatchObject({ status: 503, code: 'kurrentdb_version_unsupported', version: '23.10.1', minimum: '24.2' });
      await expect(store.headPosition()).rejects.toBeInstanceOf(UnsupportedKurrentDBVersionError);
      await expect(firstValueFrom(store.subscribe({ fromPosition: 0n }))).rejects.toBeInstanceOf(UnsupportedKurrentDBVersionError);
      expect(await collect(store.readAll())).toEqual([]);
    } finally {
      await store.close();
      await raw.dispose();
      await db.stop();
    }
  });
});
