import fc from 'fast-check';
import { z } from 'zod';
import { cursorParam, KeyOrder, nextIfPaged, pageAfter, taggedCursor } from '../../src/queries/keyset-page';
import { negotiationsCursor } from '../../src/queries/negotiation-overview.query';
import { replayCursor } from '../../src/queries/issue-replay.query';
import { timelineCursor } from '../../src/queries/timeline-page';
import { deadLettersCursor, webhooksCursor } from '../../src/webhooks/webhook-pages';

const byName: KeyOrder<string, string> = { keyOf: (s) => s, compare: (s, key) => (s < key ? -1 : s > key ? 1 : 0) };
const names = taggedCursor<string>('names', (s) => [s], ([s, ...rest]) => (rest.length === 0 && /^[a-z]+$/.test(s ?? '') ? s : undefined));

/** Follows `next` from the first page to the last; `between` may change the list after each page. */
const follow = (list: () => string[], limit: number, between: (page: number) => void = () => undefined): { seen: string[]; pages: number } => {
  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = pageAfter(list(), { limit, after }, byName, names);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    pages++;
    between(pages);
    if (page.next === null) return { seen, pages };
    after = names.decode(page.next);
    expect(after).toBe(page.items[page.items.length - 1]);
  }
};

describe('keyset pages', () => {
  it('given any sorted list and limit, when every page is followed, then the pages are the list, in order, once, in ceil(n/limit) pages', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (items, limit) => {
        const sorted = [...items].sort();
        const { seen, pages } = follow(() => sorted, limit);
        expect(seen).toEqual(sorted);
        expect(pages).toBe(Math.max(1, Math.ceil(sorted.length / limit)));
      }),
    );
  });

  it('given items added anywhere while paging, when the pages are followed, then every item that was there at the start comes exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 1, maxLength: 30 }),
        fc.array(fc.stringMatching(/^[a-z]{1,5}$/), { maxLength: 20 }),
        fc.integer({ min: 1, max: 6 }),
        (initial, added, limit) => {
          const list = new Set(initial);
          const { seen } = follow(() => [...list].sort(), limit, (page) => added.slice((page - 1) * 2, page * 2).forEach((item) => list.add(item)));
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen).toEqual([...seen].sort());
          expect(seen.filter((item) => initial.includes(item))).toEqual([...initial].sort());
        },
      ),
    );
  });

  it('given the item a cursor names is gone, when the next page is asked, then it starts after where that item was', () => {
    const cursor = pageAfter(['a', 'b', 'c', 'd'], { limit: 2 }, byName, names).next!;
    expect(pageAfter(['a', 'c', 'd'], { limit: 2, after: names.decode(cursor) }, byName, names)).toEqual({ items: ['c', 'd'], before: 1, next: null });
  });

  it('given no limit, when a page is asked, then it is the whole rest of the list and there is no next page', () => {
    expect(pageAfter(['a', 'b', 'c'], {}, byName, names)).toEqual({ items: ['a', 'b', 'c'], before: 0, next: null });
    expect(pageAfter(['a', 'b', 'c'], { after: 'a' }, byName, names)).toEqual({ items: ['b', 'c'], before: 1, next: null });
  });

  it('given a request without limit or cursor, then the answer gains no next; with either, it does', () => {
    expect(nextIfPaged({}, { next: null })).toEqual({});
    expect(nextIfPaged({ limit: 5 }, { next: null })).toEqual({ next: null });
    expect(nextIfPaged({ cursor: 'x' }, { next: 'y' })).toEqual({ next: 'y' });
  });
});

describe('list cursors', () => {
  const lists = {
    timeline: [timelineCursor, { countsFrom: '2018-05-01', position: 12n }],
    negotiations: [negotiationsCursor, 'nafta-renegotiation'],
    replay: [replayCursor, { countsFrom: '2018-05-01', position: 12n }],
    webhooks: [webhooksCursor, { createdAt: '2026-05-01T00:00:00.000Z', id: 'wh_abc123' }],
    deadLetters: [deadLettersCursor, { position: 42n, deliveryId: 'dlv_0123abcd' }],
  } as const;

  it.each(Object.entries(lists))('given a %s key, when encoded and decoded, then it is the same key', (_list, [codec, key]) => {
    const cursor = (codec.encode as (k: unknown) => string)(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(codec.decode(cursor)).toEqual(key);
  });

  it.each(Object.entries(lists))("given another list's cursor or garbage, when %s decodes it, then it is refused", (list, [codec]) => {
    for (const [other, [otherCodec, otherKey]] of Object.entries(lists)) {
      if (other === list) continue;
      expect({ other, key: codec.decode((otherCodec.encode as (k: unknown) => string)(otherKey)) }).toEqual({ other, key: undefined });
    }
    for (const garbage of ['', 'not-a-cursor', Buffer.from(`${list}|`).toString('base64url'), Buffer.from('x'.repeat(80)).toString('base64url')]) {
      expect({ garbage, key: codec.decode(garbage) }).toEqual({ garbage, key: undefined });
    }
  });

  it('given a malformed cursor, when the query parameter is parsed, then the error says what to pass instead', () => {
    const result = z.object({ cursor: cursorParam(negotiationsCursor, 'the negotiation list') }).safeParse({ cursor: 'bogus' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['cursor'], message: expect.stringContaining('not a cursor of the negotiation list') })]);
  });
});
