import { OpenStreams } from '../../src/subscriptions/open-streams.registry';
import { cliAppend, eventually, postEvents, startParley, statement, storeOf, sseFixture } from './harness';

const statements = (tag: string, count: number) => Array.from({ length: count }, (_, k) => statement(`${tag}-${k}`, 'nafta-renegotiation', 'MX'));

describe('named subscriptions (?name=): checkpointed in the store', () => {
  const f = sseFixture();

  it('given a named subscription that received 30 events, when the server restarts and 20 more are appended meanwhile, then it resumes from its checkpoint with exactly the 20', async () => {
    f.server = await startParley(f.store.db, { PARLEY_SSE_CHECKPOINT_MS: '20' });
    const before = await f.open('/subscriptions/events?name=newsroom-dashboard&fromPosition=0');
    await postEvents(f.server.url, statements('before', 30));
    await before.waitFor(() => before.dataEvents.length === 30, '30 events');
    await eventually(async () => (await storeOf(f.server!).readCheckpoint('newsroom-dashboard')) === 30n, 'the checkpoint at 30');
    await f.server.app.close();
    f.server = undefined;
    await before.closed;
    expect(before.events[before.events.length - 1]).toMatchObject({ event: 'shutdown' });

    await cliAppend(f.store.db, statements('meanwhile', 20));
    f.server = await startParley(f.store.db);
    // The checkpoint wins over fromPosition, which only says where a new name starts.
    const after = await f.open('/subscriptions/events?name=newsroom-dashboard&fromPosition=0');
    await after.waitForComment('caught-up');
    expect(after.dataEvents.map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, k) => String(31 + k)));
    expect(after.dataEvents.map((e) => (JSON.parse(e.data) as { id: string }).id)).toEqual(statements('meanwhile', 20).map((e) => e.id));
  });

  it('given a new name without fromPosition, then it starts live and is bookmarked at once, so events recorded while it is down are not missed', async () => {
    f.server = await startParley(f.store.db);
    await postEvents(f.server.url, statements('old', 5));
    const first = await f.open('/subscriptions/events?name=bot');
    await first.waitForComment('caught-up');
    expect(first.dataEvents).toEqual([]);
    expect(await storeOf(f.server).readCheckpoint('bot')).toBe(5n);
    first.close();
    // Once the server has seen the client go (events written before that would count as handed over).
    await eventually(async () => f.server!.app.get(OpenStreams).size === 0, 'the server to notice the disconnect');
    await postEvents(f.server.url, statements('missed', 3));
    const second = await f.open('/subscriptions/events?name=bot');
    await second.waitFor(() => second.dataEvents.length === 3, 'the 3 events recorded while it was away');
    expect(second.dataEvents.map((e) => e.id)).toEqual(['6', '7', '8']);
  });

  it('given a checkpoint and a Last-Event-ID, then the Last-Event-ID wins (it is what this client last received)', async () => {
    f.server = await startParley(f.store.db);
    await postEvents(f.server.url, statements('e', 10));
    await storeOf(f.server).storeCheckpoint('reader', 8n);
    const client = await f.open('/subscriptions/events?name=reader', { 'Last-Event-ID': '4' });
    await client.waitForComment('caught-up');
    expect(client.dataEvents.map((e) => e.id)).toEqual(['5', '6', '7', '8', '9', '10']);
  });
});
