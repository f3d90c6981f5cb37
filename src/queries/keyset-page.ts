import { z } from 'zod';
import { compareValidTime, ValidTimed } from '../../projections';

/**
 * Keyset paging for the list routes: a page is the items after the key of the last item a client
 * saw, never an offset, so items added meanwhile (wherever they sort) neither shift nor repeat the
 * items that were there when paging started. The key travels as an opaque cursor.
 */
export interface CursorCodec<K> {
  encode(key: K): string;
  /** undefined: not a cursor of this list (malformed, or another list's). */
  decode(cursor: string): K | undefined;
}

/**
 * A cursor as base64url of `list|field|…`: the list's name makes another list's cursor a clear
 * error rather than a silently wrong page. Fields never contain `|` (slugs, days, digits, ids).
 */
export const taggedCursor = <K>(list: string, fieldsOf: (key: K) => string[], keyOf: (fields: string[]) => K | undefined): CursorCodec<K> => ({
  encode: (key) => Buffer.from([list, ...fieldsOf(key)].join('|')).toString('base64url'),
  decode: (cursor) => {
    const [tag, ...fields] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    return tag === list ? keyOf(fields) : undefined;
  },
});

/** The `cursor` query parameter of a list: decoded to its key, or a 400 naming `cursor`. */
export const cursorParam = <K>(codec: CursorCodec<K>, list: string) =>
  z
    .string()
    .max(512)
    .transform(
      (value, ctx) =>
        codec.decode(value) ?? (ctx.addIssue({ code: 'custom', message: `not a cursor of ${list} (pass back the \`next\` of the previous page)` }), z.NEVER),
    );

/** What a client asks for: at most `limit` items, after `after` (both optional: no limit, from the start). */
export interface PageRequest<K> {
  limit?: number;
  after?: K;
}

export interface Page<T> {
  items: T[];
  /** The cursor of the next page; null when this page ends the list. */
  next: string | null;
}

/** How a list is ordered: a total order, so that "after this key" is one place. */
export interface KeyOrder<T, K> {
  keyOf(item: T): K;
  /** < 0, 0, > 0 as the item sorts before, at or after the key. */
  compare(item: T, key: K): number;
}

/** A page of a list already sorted in `order`, and how many items of the list come before it. */
export const pageAfter = <T, K>(sorted: readonly T[], page: PageRequest<K>, order: KeyOrder<T, K>, codec: CursorCodec<K>): Page<T> & { before: number } => {
  let before = 0;
  if (page.after !== undefined) {
    // Binary search for the first item after the key: the key's own item may be gone or never existed.
    const after = page.after;
    let high = sorted.length;
    while (before < high) {
      const middle = (before + high) >>> 1;
      if (order.compare(sorted[middle], after) > 0) high = middle;
      else before = middle + 1;
    }
  }
  return { ...pageOfFetched(sorted.slice(before, page.limit === undefined ? undefined : before + page.limit + 1), page.limit, order, codec), before };
};

/**
 * A page from items already read after the key, at most limit + 1 of them (the extra one only says
 * there is a next page): for stores that page in their query.
 */
export const pageOfFetched = <T, K>(fetched: readonly T[], limit: number | undefined, order: Pick<KeyOrder<T, K>, 'keyOf'>, codec: CursorCodec<K>): Page<T> => {
  if (limit === undefined || fetched.length <= limit) return { items: [...fetched], next: null };
  const items = fetched.slice(0, limit);
  return { items, next: codec.encode(order.keyOf(items[items.length - 1])) };
};

/** Valid time (the day an event counts from, then its position): the timeline's and a replay's order. */
export const validTimeOrder = <T extends ValidTimed>(): KeyOrder<T, ValidTimed> => ({
  keyOf: (item) => ({ countsFrom: item.countsFrom, position: item.position }),
  compare: compareValidTime,
});

/** A valid-time key's fields, checked on the way back in. */
export const validTimeFields = {
  of: (key: ValidTimed): string[] => [key.countsFrom, key.position.toString()],
  key: ([countsFrom, position, ...rest]: string[]): ValidTimed | undefined =>
    rest.length === 0 && /^\d{4}-\d{2}-\d{2}$/.test(countsFrom ?? '') && /^\d{1,20}$/.test(position ?? '') ? { countsFrom, position: BigInt(position) } : undefined,
};

/**
 * `next` for a list route's answer: only when the client paged (gave `limit` or `cursor`), so an
 * answer asked for without them stays exactly what it was before the route paged.
 */
export const nextIfPaged = (request: { limit?: number; cursor?: unknown }, page: Pick<Page<unknown>, 'next'>): { next?: string | null } =>
  request.limit === undefined && request.cursor === undefined ? {} : { next: page.next };
