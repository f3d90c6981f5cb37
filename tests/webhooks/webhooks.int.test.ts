import { fixedClock } from '../../src/clock/clock';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { openWebhookRegistry } from '../../src/webhooks/webhook-registry';
import { verifySignature } from '../../src/webhooks/webhook-signature';
import { startTestServer, TestServer } from '../support/http-server';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

const SECRET = 'a-long-enough-shared-secret';
const FAST = { backoffMs: 5, maxBackoffMs: 20, maxAttempts: 4, timeoutMs: 250, registryPollMs: 25, deadlineCheckMs: 0 };

const base = { negotiation: 'test-talks', confidence: 'confirmed', source: { publisher: 'Test Wire', quote: 'quoted' } };
const launch = { ...base, id: 'launch', type: 'NegotiationLaunched', party: 'US', occurredAt: '2018-01-01', data: { title: 'Test talks', parties: ['US', 'MX'] } };
const rvc = (id: string, party: string, value: number, occurredAt: string, type = 'OfferMade') => ({
  ...base, id, type, party, issue: 'autos', occurredAt, data: { terms: [{ metric: 'regional_value_content', value, unit: 'percent' }] },
});

describe('webhooks', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  const clock = fixedClock('2026-05-01T00:00:00.000Z');

  const addWebhook = async (condition: unknown, url = receiver.url) => {
    const response = await server.post('/webhooks', { url, secret: SECRET, condition });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  /** Each batch is recorded a second after the last, as on a live server (a fixed clock would stamp all alike). */
  /** Waits until every webhook's cursor has passed the store's head: whatever was due has been sent. */
  const settled = async () => {
    const head = BigInt((await server.get('/health')).body.store.headPosition);
    for (;;) {
      const { webhooks } = (await server.get('/webhooks')).body;
      if (webhooks.every((w: { cursor: number }) => BigInt(w.cursor) >= head)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const record = async (...events: unknown[]) => {
    expect((await server.post('/events', events)).status).toBe(201);
    clock.advance(1000);
  };

  beforeEach(async () => {
    clock.set('2026-05-01T00:00:00.000Z');
    server = await startTestServer({ loadBundledHistory: false, clock, webhooks: FAST });
    receiver = await startWebhookReceiver();
    await record(launch);
  });
  afterEach(async () => {
    await server.close();
    await receiver.close();
  });

  it('given an events webhook, when events are recorded, then each arrives once, in store order, signed, with a stable delivery id', async () => {
    const id = await addWebhook({ kind: 'events', negotiation: 'test-talks' });
    await record(rvc('us-75', 'US', 75, '2018-05-01', 'DemandTabled'));
    await record(rvc('mx-70', 'MX', 70, '2018-05-24'));

    const [first, second] = await receiver.waitForAccepted(2);
    expect([first.body.event.id, second.body.event.id]).toEqual(['us-75', 'mx-70']);
    expect(first.body.position < second.body.position).toBe(true);
    for (const delivery of [first, second]) {
      expect(delivery.body).toMatchObject({ webhook: id, kind: 'event' });
      expect(delivery.headers['parley-delivery-id']).toBe(delivery.body.delivery);
      const now = Math.floor(clock.now().getTime() / 1000);
      expect(verifySignature(SECRET, delivery.raw, String(delivery.headers['parley-signature']), now)).toBe(true);
      expect(verifySignature('another-secret-entirely', delivery.raw, String(delivery.headers['parley-signature']), now)).toBe(false);
      expect(verifySignature(SECRET, delivery.raw.replace('"event"', '"evenT"'), String(delivery.headers['parley-signature']), now)).toBe(false);
    }
    expect(receiver.requests).toHaveLength(2);
  });

  it('given a receiver that fails twice and then times out, when it recovers, then every delivery arrives in order and none is lost', async () => {
    receiver.behave((n) => (n <= 2 ? 500 : n === 3 ? 'hang' : 200));
    await addWebhook({ kind: 'events', negotiation: 'test-talks', issue: 'autos' });
    await record(rvc('a', 'US', 75, '2018-05-01', 'DemandTabled'), rvc('b', 'MX', 70, '2018-05-24'), rvc('c', 'MX', 71, '2018-06-01'));

    const accepted = await receiver.waitForAccepted(3);
    expect(accepted.map((d) => d.body.event.id)).toEqual(['a', 'b', 'c']);
    // The first delivery was tried four times (500, 500, timeout, 200) under one delivery id.
    const firstId = accepted[0].body.delivery;
    expect(receiver.requests.filter((r) => r.body.delivery === firstId)).toHaveLength(4);
    expect((await server.get('/webhooks')).body.webhooks[0].deadLetters).toBe(0);
  });

  it('given a receiver that never succeeds, when attempts run out, then the delivery is dead-lettered, listed, and later events still go out', async () => {
    receiver.behave((_n, body) => (body.event.id === 'poison' ? 503 : 200));
    const id = await addWebhook({ kind: 'events', negotiation: 'test-talks', issue: 'autos' });
    await record(rvc('poison', 'US', 75, '2018-05-01', 'DemandTabled'), rvc('after', 'MX', 70, '2018-05-24'));

    const [delivered] = await receiver.waitForAccepted(1);
    expect(delivered.body.event.id).toBe('after');
    const letters = await server.get(`/webhooks/${id}/dead-letters`);
    expect(letters.status).toBe(200);
    expect(letters.body.deadLetters).toHaveLength(1);
    expect(letters.body.deadLetters[0]).toMatchObject({ webhookId: id, attempts: FAST.maxAttempts, lastError: 'receiver answered 503' });
    expect(JSON.parse(letters.body.deadLetters[0].payload).event.id).toBe('poison');
    expect(receiver.requests.filter((r) => r.body.event.id === 'poison')).toHaveLength(FAST.maxAttempts);
  });

  it('given one dead receiver, when events are recorded, then another webhook gets them all while the dead one is still retrying', async () => {
    const dead = await startWebhookReceiver(() => 'hang');
    try {
      await addWebhook({ kind: 'events', negotiation: 'test-talks' }, dead.url);
      await addWebhook({ kind: 'events', negotiation: 'test-talks' });
      await record(...[1, 2, 3, 4, 5].map((i) => rvc(`e${i}`, 'MX', 70 + i, `2018-06-0${i}`)));

      const accepted = await receiver.waitForAccepted(5);
      expect(accepted.map((d) => d.body.event.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
      // Each of the dead receiver's deliveries needs maxAttempts timeouts: it has not got past the first two.
      expect(new Set(dead.requests.map((r) => r.body.event.id)).size).toBeLessThanOrEqual(2);
    } finally {
      await dead.close();
    }
  });

  it('given a position-changed webhook, then it fires exactly when the answer for that day changes, back-dated events included', async () => {
    await addWebhook({ kind: 'position-changed', negotiation: 'test-talks', issue: 'autos', party: 'MX' });
    const steps = [
      rvc('us-75', 'US', 75, '2018-05-01', 'DemandTabled'), // US moves, not MX: nothing
      rvc('mx-70', 'MX', 70, '2018-05-24'), // MX's position appears on 2018-05-24
      { ...base, id: 'mx-says', type: 'StatementIssued', party: 'MX', issue: 'autos', occurredAt: '2018-05-25', data: { speaker: 'Minister', quote: 'We are close' } },
      rvc('mx-60-earlier', 'MX', 60, '2018-02'), // back-dated: changes February, not May
    ];
    const expected: Array<{ id: string; asOf: string }> = [];
    for (const step of steps) {
      await record(step);
      // The oracle is the public API: MX's positions on the event's day, known just before it and with it.
      const stored = (await server.get(`/events/${step.id}`)).body;
      const asOf = step.occurredAt.length === 7 ? `${step.occurredAt}-28` : step.occurredAt;
      const day = step.occurredAt === '2018-02' ? '2018-02-28' : asOf;
      const before = new Date(new Date(stored.recordedAt).getTime() - 1).toISOString();
      const at = (knownAt: string) => server.get(`/negotiations/test-talks/issues/autos?asOf=${day}&knownAt=${knownAt}`);
      const [was, is] = await Promise.all([at(before), at(stored.recordedAt)]);
      if (JSON.stringify(was.body.positions.MX ?? null) !== JSON.stringify(is.body.positions.MX ?? null)) expected.push({ id: step.id, asOf: day });
    }
    expect(expected.map((e) => e.id)).toEqual(['mx-70', 'mx-60-earlier']);

    const accepted = await receiver.waitForAccepted(expected.length);
    expect(accepted.map((d) => ({ id: d.body.event.id, asOf: d.body.asOf }))).toEqual(expected);
    expect(accepted[1].body.changes).toEqual([
      expect.objectContaining({ party: 'MX', metric: 'regional_value_content', change: 'added', before: null, after: expect.objectContaining({ value: 60 }) }),
    ]);
    await record(rvc('closing', 'US', 76, '2018-07-01', 'DemandTabled'));
    await settled();
    expect(receiver.accepted).toHaveLength(expected.length);
  });

  it('given a gap webhook with a threshold, then it fires when the gap opens and when it crosses the threshold, not when it moves on one side', async () => {
    await addWebhook({ kind: 'gap-changed', negotiation: 'test-talks', issue: 'autos', metric: 'regional_value_content', threshold: 4 });
    await record(rvc('us-75', 'US', 75, '2018-05-01', 'DemandTabled'));
    await record(rvc('mx-70', 'MX', 70, '2018-05-24')); // opens at 5
    await record(rvc('mx-72', 'MX', 72, '2018-06-01')); // 3: crosses 4
    await record(rvc('mx-71', 'MX', 71, '2018-07-01')); // 4: stays at or under 4
    await record(rvc('mx-65', 'MX', 65, '2018-08-01')); // 10: crosses again

    const accepted = await receiver.waitForAccepted(3);
    expect(accepted.map((d) => [d.body.event.id, d.body.gaps[0].before?.spread ?? null, d.body.gaps[0].after?.spread ?? null])).toEqual([
      ['mx-70', null, 5],
      ['mx-72', 5, 3],
      ['mx-65', 4, 10],
    ]);
  });

  it('given a tariff webhook on Mexico, then a line on Mexico fires it and a line on Canada does not', async () => {
    await addWebhook({ kind: 'tariff-changed', target: 'MX' });
    const tariff = (id: string, target: string) => ({
      ...base, id, type: 'TariffImposed', party: 'US', issue: 'steel', occurredAt: '2018-06-01',
      data: { measure: 'Section 232', product: 'steel', rate: { value: 25, unit: 'percent' }, targets: [target] },
    });
    await record(tariff('on-ca', 'CA'));
    await record(tariff('on-mx', 'MX'));

    const [delivery] = await receiver.waitForAccepted(1);
    expect(delivery.body).toMatchObject({ kind: 'tariff-changed', target: 'MX', asOf: '2018-06-01', event: { id: 'on-mx' } });
    expect(delivery.body.after.inForce).toEqual([expect.objectContaining({ target: 'MX', product: 'steel' })]);
    expect(delivery.body.before.inForce).toEqual([]);
  });

  it('given a deadline-within webhook, then it fires once when the deadline comes within its days, by the injected clock', async () => {
    await record({ ...base, id: 'review', type: 'DeadlineSet', issue: 'review', occurredAt: '2026-01-15', data: { deadline: '2026-07-01', what: 'joint review' } });
    await addWebhook({ kind: 'deadline-within', days: 30 });
    const dispatcher = server.running.app.get(WebhookDispatcher);
    await dispatcher.tick(); // 2026-05-01: 61 days before
    expect(receiver.accepted).toHaveLength(0);
    clock.set('2026-06-05T00:00:00.000Z'); // 26 days before
    await dispatcher.tick();
    const [alert] = receiver.accepted;
    expect(alert.body).toMatchObject({ kind: 'deadline-within', asOf: '2026-06-05', deadline: { deadline: '2026-07-01', what: 'joint review', daysRemaining: { latest: 26 } } });
    clock.set('2026-06-06T00:00:00.000Z');
    await dispatcher.tick();
    expect(receiver.accepted).toHaveLength(1);
  });

  it('given a token, when a client has none, then webhooks cannot be listed or added', async () => {
    const guarded = await startTestServer({ loadBundledHistory: false, apiToken: 'tok', webhooks: FAST });
    try {
      expect((await guarded.get('/webhooks')).status).toBe(401);
      expect((await guarded.post('/webhooks', { url: receiver.url, secret: SECRET, condition: { kind: 'events' } })).status).toBe(401);
      const ok = await guarded.post('/webhooks', { url: receiver.url, secret: SECRET, condition: { kind: 'events' } }, { authorization: 'Bearer tok' });
      expect(ok.status).toBe(201);
      expect(ok.body.secret).toBeUndefined();
    } finally {
      await guarded.close();
    }
  });

  it.each([
    ['a javascript: URL', 'url', { url: 'javascript:alert(1)', secret: SECRET, condition: { kind: 'events' } }],
    ['a short secret', 'secret', { url: 'http://127.0.0.1:1/x', secret: 'short', condition: { kind: 'events' } }],
    ['an unknown condition', 'condition.kind', { url: 'http://127.0.0.1:1/x', secret: SECRET, condition: { kind: 'sometimes' } }],
    ['a gap condition without issue', 'condition.issue', { url: 'http://127.0.0.1:1/x', secret: SECRET, condition: { kind: 'gap-changed', negotiation: 'x' } }],
  ])('given %s, then the registration is refused naming %s, and nothing is registered', async (_name, field, body) => {
    const response = await server.post('/webhooks', body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect((await server.get('/webhooks')).body.webhooks).toEqual([]);
  });

  it('given delivered events, when replayed from a position, then they are delivered again with the same delivery ids', async () => {
    const id = await addWebhook({ kind: 'events', negotiation: 'test-talks', issue: 'autos' });
    await record(rvc('a', 'US', 75, '2018-05-01', 'DemandTabled'), rvc('b', 'MX', 70, '2018-05-24'));
    const first = await receiver.waitForAccepted(2);
    const replay = await server.post(`/webhooks/${id}/replay`, { fromPosition: Number(first[0].body.position) - 1 });
    expect(replay.status).toBe(200);
    const all = await receiver.waitForAccepted(4);
    expect(all.slice(2).map((d) => d.body.delivery)).toEqual(first.map((d) => d.body.delivery));
  });

  it('given a replay written to the registry by another process (parley webhooks replay), then the running server delivers again from there', async () => {
    const id = await addWebhook({ kind: 'events', negotiation: 'test-talks', issue: 'autos' });
    await record(rvc('a', 'US', 75, '2018-05-01', 'DemandTabled'), rvc('b', 'MX', 70, '2018-05-24'));
    const first = await receiver.waitForAccepted(2);
    await settled();
    const cli = openWebhookRegistry(server.dbFile.replace(/\.db$/, '.webhooks.db'));
    try {
      cli.moveCursor(id, BigInt(first[0].body.position) - 1n);
    } finally {
      cli.close();
    }
    await record(rvc('c', 'MX', 71, '2018-06-01'));
    const all = await receiver.waitForAccepted(5);
    expect(all.map((d) => d.body.event.id)).toEqual(['a', 'b', 'a', 'b', 'c']);
  });
});
