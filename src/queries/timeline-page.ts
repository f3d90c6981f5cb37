import { compareValidTime, TimelineRow } from '../../projections';

/**
 * A page of a timeline: rows after the cursor (an opaque `countsFrom|position` of the last row a
 * client saw, so a page stays put while events are recorded elsewhere in the timeline), at most
 * `limit` of them, and the cursor of the next page (null on the last).
 */
export const encodeTimelineCursor = (row: Pick<TimelineRow, 'countsFrom' | 'position'>): string =>
  Buffer.from(`${row.countsFrom}|${row.position}`).toString('base64url');

export const decodeTimelineCursor = (cursor: string): { countsFrom: string; position: bigint } | undefined => {
  const match = /^(\d{4}-\d{2}-\d{2})\|(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { countsFrom: match[1], position: BigInt(match[2]) } : undefined;
};

export const pageOfTimeline = (
  rows: readonly TimelineRow[],
  page: { limit?: number; after?: { countsFrom: string; position: bigint } },
): { entries: TimelineRow[]; next: string | null } => {
  const after = page.after;
  const rest = after === undefined ? rows : rows.filter((row) => compareValidTime(row, after) > 0);
  if (page.limit === undefined || rest.length <= page.limit) return { entries: [...rest], next: null };
  const entries = rest.slice(0, page.limit);
  return { entries, next: encodeTimelineCursor(entries[entries.length - 1]) };
};
