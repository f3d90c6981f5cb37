import { startTestServer, TestServer } from '../support/http-server';

describe('deadlines on the bundled history', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('given 2026-03-01, then the critical-minerals 60-day horizon and the USMCA joint review are ahead, with the days left and what set them', async () => {
    const { body } = await server.get('/deadlines?asOf=2026-03-01');
    expect(body.deadlines.map((d: any) => [d.negotiation, d.deadline, d.precision, d.daysRemaining.latest, d.setBy.eventId])).toEqual([
      ['us-mexico-critical-minerals', '2026-04-05', 'day', 35, 'crit-plan-60-day-horizon'],
      ['usmca-review-2026', '2026-07-01', 'day', 122, 'review26-mandatory-review-ahead'],
    ]);
    expect(body.deadlines[1].setBy.source.quote).toEqual(expect.any(String));
  });

  it('given the day after the review, then neither is ahead any more', async () => {
    expect((await server.get('/deadlines?asOf=2026-07-02')).body.deadlines).toEqual([]);
  });

  it('given one negotiation, then only its deadlines are listed', async () => {
    const { body } = await server.get('/deadlines?asOf=2026-03-01&negotiation=usmca-review-2026');
    expect(body.deadlines.map((d: any) => d.setBy.eventId)).toEqual(['review26-mandatory-review-ahead']);
    const unknown = await server.get('/deadlines?negotiation=no-such-talks');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details.available).toContain('usmca-review-2026');
  });
});
