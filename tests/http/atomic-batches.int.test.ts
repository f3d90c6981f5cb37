import { startTestServer, TestServer } from '../support/http-server';

const statement = (id: string, negotiation: string, quote: string) => ({
  id, type: 'StatementIssued', negotiation, occurredAt: '2020', data: { speaker: 'a', quote },
});

describe('POST /events: a batch spanning several negotiations is all-or-nothing', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer({ loadBundledHistory: false })));
  afterAll(() => server.close());

  it('given an id stored in negotiation b, when a batch adds a1 to a and reuses that id with other content in b, then the answer is 409 and a1 is not stored', async () => {
    expect((await server.post('/events', statement('x1', 'neg-b', 'original'))).status).toBe(201);
    const before = await server.snapshot();
    const answer = await server.post('/events', [statement('a1', 'neg-a', 'new'), statement('x1', 'neg-b', 'other')]);
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'idempotency_conflict', details: { eventId: 'x1' } });
    expect((await server.get('/events/a1')).status).toBe(404);
    expect(await server.snapshot()).toEqual(before);
  });

  it('given one id in two negotiations of one batch, then the 409 says it is reused in the batch (not "stored" by this very request) and nothing is stored', async () => {
    const before = await server.snapshot();
    const answer = await server.post('/events', [statement('dup', 'neg-a', 'one'), statement('dup', 'neg-b', 'two')]);
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toContain('used in this batch');
    expect(await server.snapshot()).toEqual(before);
  });

  it('given a valid batch over two negotiations, then both are stored', async () => {
    const answer = await server.post('/events', [statement('a2', 'neg-a', 'x'), statement('b2', 'neg-b', 'y')]);
    expect(answer.status).toBe(201);
    expect(answer.body.appended).toBe(2);
  });
});
