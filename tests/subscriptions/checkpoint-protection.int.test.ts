import { OpenStreams } from '../../src/subscriptions/open-streams.registry';
import { eventually, postEvents, startParley, statement, storeOf, sseFixture } from './harness';

const statements = (tag: string, count: number) => Array.from({ length: count }, (_, k) => statement(`${tag}-${k}`, 'nafta-renegotiation', 'MX'));
const TOKEN = 'a-long-enough-test-token-for-writes';

describe('named subscription checkpoints cannot be moved or multiplied by strangers', () => {
  const f = sseFixture();

  it('given a token, when an anonymous client opens ?name=, then it gets 401 with WWW-Authenticate and no checkpoint is written; with the token it streams', async () => {
    f.server = await startParley(f.store.db, { PARLEY_API_TOKEN: TOKEN });
    const anonymous = await f.open('/subscriptions/events?name=archiver&fromPosition=0');
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(await anonymous.body()).error.code).toBe('unauthorized');
    const plain = await fetch(`${f.server.url}/subscriptions/events?name=archiver`);
    expect(plain.status).toBe(401);
    expect(plain.headers.get('www-authenticate')).toBe('Bearer realm="parley"');
    expect(await storeOf(f.server).readCheckpoint('archiver')).toBeUndefined();
    const wrong = await f.open('/subscriptions/events?name=archiver', { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const owner = await f.open('/subscriptions/events?name=archiver&fromPosition=0', { authorization: `Bearer ${TOKEN}` });
    expect(owner.status).toBe(200);
    expect(await storeOf(f.server).readCheckpoint('archiver')).toBe(0n);
    // Unnamed streams are reads: open without a token.
    expect((await f.open('/subscriptions/events')).status).toBe(200);
  });

  it('given a checkpoint behind the head, when a client resumes the name with a Last-Event-ID past the checkpoint, then the stream starts at the checkpoint and skips nothing', async () => {
    f.server = await startParley(f.store.db, { PARLEY_SSE_CHECKPOINT_MS: '20' });
    await postEvents(f.server.url, statements('e', 10));
    await storeOf(f.server).storeCheckpoint('archiver', 2n);
    const client = await f.open('/subscriptions/events?name=archiver', { 'Last-Event-ID': '9' });
    await client.waitForComment('caught-up');
    expect(client.dataEvents.map((e) => e.id)).toEqual(['3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('given a named subscription open on one connection, when a second connection opens the same name, then it is refused with 409 subscription_name_in_use', async () => {
    f.server = await startParley(f.store.db);
    const first = await f.open('/subscriptions/events?name=bot');
    expect(first.status).toBe(200);
    const second = await f.open('/subscriptions/events?name=bot');
    expect(second.status).toBe(409);
    expect(JSON.parse(await second.body()).error).toMatchObject({ code: 'subscription_name_in_use', details: { name: 'bot' } });
    first.close();
    await eventually(async () => f.server!.app.get(OpenStreams).size === 0, 'the server to notice the disconnect');
    expect((await f.open('/subscriptions/events?name=bot')).status).toBe(200);
  });

  it('given PARLEY_MAX_CHECKPOINTS=2, when a third name is opened, then it is refused with 409 checkpoint_limit_reached and no row is added; known names still open', async () => {
    f.server = await startParley(f.store.db, { PARLEY_MAX_CHECKPOINTS: '2' });
    for (const name of ['one', 'two']) {
      const client = await f.open(`/subscriptions/events?name=${name}`);
      expect(client.status).toBe(200);
      client.close();
    }
    await eventually(async () => f.server!.app.get(OpenStreams).size === 0, 'the server to notice the disconnects');
    const third = await f.open('/subscriptions/events?name=three');
    expect(third.status).toBe(409);
    expect(JSON.parse(await third.body()).error).toMatchObject({ code: 'checkpoint_limit_reached', details: { limit: 2 } });
    expect(await storeOf(f.server).countCheckpoints!()).toBe(2);
    expect((await f.open('/subscriptions/events?name=one')).status).toBe(200);
  });

  it('given 3 stored events, when a stream asks to start after position 8 (Last-Event-ID or fromPosition), then it is refused naming the field, instead of silently skipping events', async () => {
    f.server = await startParley(f.store.db);
    await postEvents(f.server.url, statements('e', 3));
    const byHeader = await f.open('/subscriptions/events', { 'Last-Event-ID': '8' });
    expect(byHeader.status).toBe(400);
    const error = JSON.parse(await byHeader.body()).error;
    expect(error).toMatchObject({ code: 'position_beyond_head', details: [{ field: 'Last-Event-ID' }] });
    expect(error.message).toMatch(/beyond the last stored event \(3\)/);
    const byQuery = await f.open('/subscriptions/events?fromPosition=8');
    expect(byQuery.status).toBe(400);
    expect(JSON.parse(await byQuery.body()).error.details[0].field).toBe('fromPosition');
    expect((await f.open('/subscriptions/events', { 'Last-Event-ID': '3' })).status).toBe(200);
  });
});
