import { EventBus } from '@nestjs/cqrs';
import { Subject } from 'rxjs';
import { StoreEventBridge } from '../../src/queries/store-event-bridge';
import { EventStore, SubscriptionMessage } from '../../src/store/event-store.port';

describe('the bridge from the store subscription to the EventBus', () => {
  it('given a query waiting for the projections, when the store subscription fails, then the wait fails too, and later queries fail at once', async () => {
    const live = new Subject<SubscriptionMessage>();
    const store = { headPosition: async () => 0n, subscribe: () => live.asObservable() } as unknown as EventStore;
    const bridge = new StoreEventBridge(store, { publish: () => undefined } as unknown as EventBus);
    await bridge.onModuleInit();
    store.headPosition = async () => 5n;
    const waiting = bridge.caughtUp();
    await new Promise((r) => setImmediate(r));
    live.error(new Error('connection lost'));
    await expect(waiting).rejects.toThrow(/connection lost/);
    await expect(bridge.caughtUp()).rejects.toThrow(/projections stopped following the store: Error: connection lost/);
  });
});
