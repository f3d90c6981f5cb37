import { WebhookRegistry } from '../../src/webhooks/webhook-registry';
import { WEBHOOK_REGISTRY } from '../../src/webhooks/webhook-registry.provider';
import { startTestServer, TestServer } from '../support/http-server';
import { documentedSchemaOf } from '../support/openapi-validator';

const SECRET = 'a-long-enough-shared-secret';
/** No receiver listens and nothing is delivered: the worker is off, so dead letters are only those a test writes. */
const webhook = (n: number) => ({ url: `http://127.0.0.1:9/hook-${n}`, secret: SECRET, condition: { kind: 'events', negotiation: 'quiet-talks' } });

interface Page {
  status: number;
  body: any;
}

/** Follows `next` from `from` (or the first page) to the last, collecting what `itemsOf` takes from each page. */
const followPages = async (server: TestServer, route: string, limit: number, itemsOf: (body: any) => string[], from: string | null = null) => {
  const items: string[] = [];
  let pages = 0;
  let cursor = from;
  do {
    const page: Page = await server.get(`${route}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    expect(itemsOf(page.body).length).toBeLessThanOrEqual(limit);
    items.push(...itemsOf(page.body));
    // A paged answer always says where the next page is (null: nowhere), so this loop ends.
    expect(typeof page.body.next === 'string' || page.body.next === null).toBe(true);
    cursor = page.body.next;
    pages++;
  } while (cursor !== null);
  return { items, pages };
};

describe('webhook lists in pages', () => {
  let server: TestServer;
  let registry: WebhookRegistry;
  const ids = (body: { webhooks: Array<{ id: string }> }) => body.webhooks.map((w) => w.id);
  const letterIds = (body: { deadLetters: Array<{ deliveryId: string }> }) => body.deadLetters.map((l) => l.deliveryId);
  const addWebhook = async (n: number): Promise<string> => {
    const response = await server.post('/webhooks', webhook(n));
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const addDeadLetter = (webhookId: string, position: bigint, deliveryId: string) =>
    registry.addDeadLetter({ webhookId, position, deliveryId, payload: '{}', attempts: 8, lastError: 'receiver answered 503', failedAt: '2026-05-01T00:00:00.000Z' });

  beforeEach(async () => {
    server = await startTestServer({ loadBundledHistory: false, webhooks: { enabled: false } });
    registry = server.running.app.get<symbol, WebhookRegistry>(WEBHOOK_REGISTRY);
  });
  afterEach(() => server.close());

  it('given webhooks registered at the same instant and at later ones, when the pages are followed, then together they are the unpaged list, in order, once', async () => {
    for (let n = 0; n < 4; n++) await addWebhook(n); // the fixed clock stands still: these four tie on createdAt
    for (let n = 4; n < 7; n++) {
      server.clock.advance(1000);
      await addWebhook(n);
    }
    const whole = await server.get('/webhooks');
    expect(Object.keys(whole.body)).toEqual(['webhooks']);
    expect(whole.body.webhooks).toHaveLength(7);
    const { items, pages } = await followPages(server, '/webhooks', 3, ids);
    expect(items).toEqual(ids(whole.body));
    expect(pages).toBe(3);
  });

  it('given a cursor, when webhooks are registered and one is removed meanwhile, then the next pages hold every remaining one that existed, once', async () => {
    for (let n = 0; n < 6; n++) {
      server.clock.advance(1000);
      await addWebhook(n);
    }
    const before = ids((await server.get('/webhooks')).body);
    const first = (await server.get('/webhooks?limit=2')).body;
    expect(ids(first)).toEqual(before.slice(0, 2));
    // The webhook the cursor names is removed, and two more are registered (the clock moves on).
    expect((await server.request('DELETE', `/webhooks/${before[1]}`)).status).toBe(204);
    server.clock.advance(1000);
    const added = [await addWebhook(6), await addWebhook(7)];
    const { items } = await followPages(server, '/webhooks', 2, ids, first.next);
    expect(items).toEqual([...before.slice(2), ...added.sort()]); // registered at one instant: by id
  });

  it('given dead letters, when the pages are followed, then together they are the unpaged list by position, once; and a cursor survives letters added meanwhile', async () => {
    const id = await addWebhook(0);
    const other = await addWebhook(1);
    for (const [position, delivery] of [[12n, 'dlv_b'], [3n, 'dlv_z'], [12n, 'dlv_a'], [100n, 'dlv_c'], [7n, 'dlv_d']] as const) addDeadLetter(id, position, delivery);
    addDeadLetter(other, 5n, 'dlv_other');
    const whole = await server.get(`/webhooks/${id}/dead-letters`);
    expect(Object.keys(whole.body)).toEqual(['deadLetters']);
    expect(letterIds(whole.body)).toEqual(['dlv_z', 'dlv_d', 'dlv_a', 'dlv_b', 'dlv_c']);
    const counts = Object.fromEntries((await server.get('/webhooks')).body.webhooks.map((w: { id: string; deadLetters: number }) => [w.id, w.deadLetters]));
    expect(counts).toEqual({ [id]: 5, [other]: 1 });
    expect((await followPages(server, `/webhooks/${id}/dead-letters`, 2, letterIds)).items).toEqual(letterIds(whole.body));

    const first = (await server.get(`/webhooks/${id}/dead-letters?limit=2`)).body;
    expect(letterIds(first)).toEqual(['dlv_z', 'dlv_d']);
    addDeadLetter(id, 1n, 'dlv_early');
    addDeadLetter(id, 50n, 'dlv_later');
    const { items } = await followPages(server, `/webhooks/${id}/dead-letters`, 2, letterIds, first.next);
    expect(items).toEqual(['dlv_a', 'dlv_b', 'dlv_later', 'dlv_c']);

    const fits = documentedSchemaOf((await server.get('/openapi.json')).body);
    for (const url of ['/webhooks', '/webhooks?limit=1', `/webhooks/${id}/dead-letters`, `/webhooks/${id}/dead-letters?limit=2`]) {
      const route = url.includes('dead-letters') ? '/webhooks/{id}/dead-letters' : '/webhooks';
      expect({ url, problems: fits(route, 'get', '200', (await server.get(url)).body) }).toEqual({ url, problems: [] });
    }
  });

  it('given more webhooks than a 404 lists, when an unknown one is asked, then the answer names the oldest 20 and counts the rest', async () => {
    const registered: string[] = [];
    for (let n = 0; n < 23; n++) {
      server.clock.advance(1000);
      registered.push(await addWebhook(n));
    }
    const response = await server.get('/webhooks/wh_no_such_webhook');
    expect(response.status).toBe(404);
    expect(response.body.error.details.available).toEqual(registered.slice(0, 20));
    expect(response.body.error.message).toContain('and 3 more');
  });

  it.each([
    ['/webhooks', 'limit', 'limit=0'],
    ['/webhooks', 'limit', 'limit=1.5'],
    ['/webhooks', 'cursor', 'cursor=zzz'],
    ['/webhooks', 'cursor', `cursor=${Buffer.from('negotiations|nafta-renegotiation').toString('base64url')}`],
    ['dead letters', 'limit', 'limit=100000'],
    ['dead letters', 'cursor', `cursor=${Buffer.from('dead-letters|not-a-position|dlv_a').toString('base64url')}`],
    ['dead letters', 'cursor', `cursor=${Buffer.from('webhooks|2026-05-01T00:00:00.000Z|wh_1').toString('base64url')}`],
  ])('given %s with a bad %s (%s), then the request is refused naming it', async (route, field, query) => {
    const path = route === '/webhooks' ? '/webhooks' : `/webhooks/${await addWebhook(0)}/dead-letters`;
    const response = await server.get(`${path}?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });
});
