import type { AllStreamResolvedEvent, Filter, SubscribeToAllOptions } from '@eventstore/db-client';
import { PassThrough } from 'node:stream';
import { SubscriptionMessage } from '../../src/store/event-store.port';
import { canonicalBody } from '../../src/store/event-body';
import { encodeMetadata } from '../../src/store/kurrentdb/event-encoding';
import { SubscribeClient } from '../../src/store/kurrentdb/follow-all';
import { streamNames } from '../../src/store/kurrentdb/stream-names';
import { kurrentSubscribe } from '../../src/store/kurrentdb/subscribe';
import { anEvent } from '../support/event-builders';

/** A stand-in for the client's subscribeToAll: each call hands the test a stream it drives by hand. */
class FakeSubscription extends PassThrough {
  unsubscribed = false;
  constructor(readonly options: SubscribeToAllOptions) {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
  send(position: bigint, id = `e${position}`): void {
    const event = anEvent({ id });
    this.write({
      event: {
        streamId: 'negotiation-nafta-renegotiation', id: '00000000-0000-5000-8000-000000000000', revision: position / 10n, type: event.type, isJson: true,
        data: JSON.parse(canonicalBody(event)), metadata: encodeMetadata(event), created: new Date(), position: { commit: position, prepare: position },
      },
    } as AllStreamResolvedEvent);
  }
  checkpoint(position: bigint): void {
    void (this.options.filter as Filter).checkpointReached?.(this as never, { commit: position, prepare: position });
  }
}

const fakeClient = () => {
  const calls: FakeSubscription[] = [];
  const client: SubscribeClient = { subscribeToAll: ((options: SubscribeToAllOptions) => (calls.push(new FakeSubscription(options)), calls[calls.length - 1])) as never };
  return { client, calls };
};

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('condition not met');
};

const summarise = (messages: SubscriptionMessage[]) => messages.map((m) => (m.kind === 'event' ? m.event.id : `caught-up@${m.position}`));

describe('given a subscription whose server connection fails', () => {
  const subscribeWith = (client: SubscribeClient, attempts = 3) =>
    kurrentSubscribe(client, streamNames(), () => () => undefined, { attempts, delayMs: 1 });

  it('when a node shuts down mid-stream (CancelledError), then it resubscribes after the last delivered position, with no gap and no duplicate', async () => {
    const { client, calls } = fakeClient();
    const messages: SubscriptionMessage[] = [];
    const errors: unknown[] = [];
    const subscription = subscribeWith(client)({ fromPosition: 0n }).subscribe({ next: (m) => messages.push(m), error: (e) => errors.push(e) });
    expect(calls[0].options.fromPosition).toBe('start');
    calls[0].send(10n);
    calls[0].send(20n);
    calls[0].emit('caughtUp');
    calls[0].emit('error', Object.assign(new Error('node shutting down'), { type: 'cancelled' }));
    await until(() => calls.length === 2);
    expect(calls[0].unsubscribed).toBe(true);
    expect(calls[1].options.fromPosition).toEqual({ commit: 20n, prepare: 20n });
    calls[1].send(20n); // a server replaying the boundary must not produce a duplicate
    calls[1].send(30n);
    calls[1].emit('caughtUp');
    await until(() => messages.length === 4);
    expect(summarise(messages)).toEqual(['e10', 'e20', 'caught-up@20', 'e30']);
    expect(errors).toEqual([]);
    subscription.unsubscribe();
    await until(() => calls[1].unsubscribed);
  });

  it('when only checkpoints passed before the failure, then it resumes after the last checkpoint', async () => {
    const { client, calls } = fakeClient();
    const subscription = subscribeWith(client)({ fromPosition: 5n }).subscribe();
    calls[0].checkpoint(400n);
    calls[0].end();
    await until(() => calls.length === 2);
    expect(calls[1].options.fromPosition).toEqual({ commit: 400n, prepare: 400n });
    subscription.unsubscribe();
  });

  it('when the error is not transient, or failures go on past the allowed attempts, then the subscriber gets the error', async () => {
    const denied = fakeClient();
    const error = new Promise((resolve) => subscribeWith(denied.client)({}).subscribe({ error: resolve }));
    denied.calls[0].emit('error', Object.assign(new Error('access denied'), { type: 'access-denied' }));
    await expect(error).resolves.toMatchObject({ message: 'access denied' });
    expect(denied.calls).toHaveLength(1);

    const flaky = fakeClient();
    const gaveUp = new Promise((resolve) => subscribeWith(flaky.client, 2)({}).subscribe({ error: resolve }));
    for (let i = 0; i < 3; i++) {
      await until(() => flaky.calls.length === i + 1);
      flaky.calls[i].emit('error', Object.assign(new Error(`unavailable ${i}`), { type: 'unavailable' }));
    }
    await expect(gaveUp).resolves.toMatchObject({ message: 'unavailable 2' });
    expect(flaky.calls).toHaveLength(3);
  });
});
