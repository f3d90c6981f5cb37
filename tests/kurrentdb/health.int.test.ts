import { streamOf } from '../../events';
import { HealthController } from '../../src/http/controllers/health.controller';
import { StoreEventBridge } from '../../src/queries/store-event-bridge';
import { getKurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { events } from '../support/event-builders';
import { startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

describe('given the KurrentDB adapter behind /health', () => {
  it('when the server answers, then health reports kind, connectivity, the index head and the lag; when it is gone, connected is false', async () => {
    const db = await startInProcessKurrentDB();
    const store = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: 'health-' });
    const published = { publishedPosition: 0n } as StoreEventBridge;
    const controller = new HealthController(store, published);
    try {
      const { events: written } = await store.append(streamOf('nafta-renegotiation'), events(3));
      const healthy = await controller.health();
      expect(healthy).toMatchObject({
        status: 'ok',
        store: { kind: expect.stringMatching(/^kurrentdb \(esdb:\/\/127\.0\.0\.1:\d+, namespace health-\)$/), connected: true, live: true, indexedEvents: 3, headPosition: written[2].position },
      });
      expect(healthy.store).toMatchObject({ serverPosition: written[2].position, lagBytes: 0n });
      expect(healthy).toMatchObject({ projections: { position: 0n, lag: written[2].position } });

      await db.stop();
      const down = await controller.health();
      expect(down).toMatchObject({ status: 'unavailable', store: { connected: false, error: expect.any(String) } });
    } finally {
      await store.close();
      await db.stop();
    }
  });
});
