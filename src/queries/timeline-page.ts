import { TimelineRow, ValidTimed } from '../../projections';
import { CursorCodec, pageAfter, validTimeFields, validTimeOrder } from './keyset-page';

/**
 * The timeline's cursor: base64url of `countsFrom|position` of the last row a client saw (untagged,
 * as published before the other lists paged), so a page stays put while events are recorded
 * elsewhere in the timeline.
 */
export const timelineCursor: CursorCodec<ValidTimed> = {
  encode: (key) => Buffer.from(validTimeFields.of(key).join('|')).toString('base64url'),
  decode: (cursor) => validTimeFields.key(Buffer.from(cursor, 'base64url').toString('utf8').split('|')),
};

/** Rows after the cursor, at most `limit` of them, and the cursor of the next page (null on the last). */
export const pageOfTimeline = (rows: readonly TimelineRow[], page: { limit?: number; after?: ValidTimed }): { entries: TimelineRow[]; next: string | null } => {
  const { items, next } = pageAfter(rows, page, validTimeOrder<TimelineRow>(), timelineCursor);
  return { entries: items, next };
};
