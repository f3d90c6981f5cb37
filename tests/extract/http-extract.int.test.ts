import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventSchema } from '../../events';
import { extractionResponseSchema } from '../../src/extract/extraction-response';
import { expectErrorShape, startTestServer, TestServer } from '../support/http-server';

const ARTICLE = readFileSync(join(__dirname, 'corpus', 'articles', 'e03-geneva-truce-2025.txt'), 'utf8');

describe('POST /extract', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ loadBundledHistory: false });
  });
  afterAll(() => server.close());

  it('given an article and its date, when posted, then drafts come back with exact spans, catalog events and rules, and nothing is recorded', async () => {
    const before = await server.snapshot();
    const res = await server.post('/extract', { text: ARTICLE, published: '2025-05-12', document: 'geneva.txt' });
    expect(res.status).toBe(200);
    expect(extractionResponseSchema.safeParse(res.body).success).toBe(true);
    expect(res.body.negotiation).toMatchObject({ slug: 'us-china-trade-talks', how: 'matched' });
    expect(res.body.article).toMatchObject({ publishedAt: '2025-05-12', dateSource: 'given', publisher: 'Reuters', document: 'geneva.txt' });
    expect(res.body.drafts.length).toBeGreaterThanOrEqual(5);
    for (const d of res.body.drafts) {
      expect(ARTICLE.slice(d.span.start, d.span.end)).toBe(d.event.source.quote);
      expect(eventSchema.safeParse(d.event).success).toBe(true);
      expect(d.why.length).toBeGreaterThan(0);
    }
    const cut = res.body.drafts.find((d: any) => d.event.type === 'TariffAnnounced' && d.event.party === 'US');
    expect(cut.event.data).toMatchObject({ rate: { value: 30, unit: 'percent' }, targets: ['CN'], effectiveOn: '2025-05-14' });
    expect((await server.snapshot()).headPosition).toEqual(before.headPosition);
  });

  it('given no date, when posted, then the dateline dates the article', async () => {
    const res = await server.post('/extract', { text: ARTICLE.replace('GENEVA, May 12 (Reuters)', 'GENEVA, May 12, 2025 (Reuters)') });
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ publishedAt: '2025-05-12', dateSource: 'dateline' });
  });

  it('given accepted drafts, when posted to /events twice, then they are recorded once, all or nothing', async () => {
    const { body } = await server.post('/extract', { text: ARTICLE, published: '2025-05-12' });
    const ready = body.drafts.filter((d: any) => d.needsReview.length === 0).map((d: any) => d.event);
    const first = await server.post('/events', ready);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ appended: ready.length, duplicates: 0 });
    const again = await server.post('/events', ready);
    expect(again.body).toMatchObject({ appended: 0, duplicates: ready.length });
  });

  it.each([
    ['no text', { published: '2025-05-12' }, 'text'],
    ['an empty text', { text: '' }, 'text'],
    ['a bad date', { text: ARTICLE, published: '2025-13-01' }, 'published'],
    ['a bad negotiation slug', { text: ARTICLE, negotiation: 'Not A Slug' }, 'negotiation'],
    ['an unknown field', { text: ARTICLE, url: 'x' }, 'url'],
  ])('given %s, when posted, then 400 names the field', async (_what, body, field) => {
    const res = await server.post('/extract', body);
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'invalid_request');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('given the OpenAPI document, then /extract and its schemas are in it', async () => {
    const doc = (await server.get('/openapi.json')).body;
    expect(doc.paths['/extract'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ExtractRequest' });
    expect(doc.components.schemas.ExtractRequest.required).toEqual(['text']);
    expect(doc.components.schemas.Extraction.properties.drafts).toBeDefined();
  });
});
