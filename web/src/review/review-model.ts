/**
 * The review panel's model (pure): drafts from POST /extract, the reader's decision on each, the
 * article cut into pieces so each draft's span can be highlighted, and the batch to record.
 */
export interface Span {
  start: number;
  end: number;
}

export interface DraftEvent extends Record<string, unknown> {
  id: string;
  type: string;
  negotiation: string;
  party?: string;
  issue?: string;
  occurredAt: string;
  confidence: string;
  data: Record<string, unknown>;
  source?: { quote?: string } & Record<string, unknown>;
}

export interface Draft {
  id: string;
  event: DraftEvent;
  span: Span;
  why: string[];
  partyRole?: 'negotiation-party' | 'other-actor';
  needsReview: string[];
}

export interface Extraction {
  article: { hash: string; document: string; title?: string; publisher?: string; publishedAt?: string; dateSource: string };
  negotiation: { slug: string; title: string; parties: string[]; proposed: boolean; how: string };
  drafts: Draft[];
  skipped: { span: Span; type: string; reason: string }[];
}

export type Decision = 'pending' | 'accepted' | 'rejected' | 'recorded';

export interface ReviewItem {
  draft: Draft;
  /** The event as it will be recorded: the draft's, or the reader's edit of it. */
  event: DraftEvent;
  decision: Decision;
  edited: boolean;
  /** What the server said about this event when a batch was refused. */
  problem?: string;
}

export const reviewItems = (extraction: Extraction): ReviewItem[] =>
  extraction.drafts.map((draft) => ({ draft, event: draft.event, decision: 'pending', edited: false }));

const get = (object: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), object);

/** Fields the engine could not fill (a reference to another event) and the reader has not filled yet. */
export const openFields = (item: ReviewItem): string[] =>
  item.draft.needsReview.filter((path) => {
    const value = get(item.event, path);
    return value === undefined || value === 'unresolved' || (Array.isArray(value) && value.includes('unresolved'));
  });

export const canAccept = (item: ReviewItem): boolean => item.decision !== 'recorded' && openFields(item).length === 0;

/** The accepted events, in the article's order (what a draft refers to comes before it). */
export const batchOf = (items: readonly ReviewItem[]): DraftEvent[] => items.filter((i) => i.decision === 'accepted').map((i) => i.event);

export interface Piece {
  start: number;
  end: number;
  /** Drafts whose span this piece is (several drafts can come from one sentence). */
  drafts: string[];
}

/**
 * The article as consecutive pieces: plain text between spans, and each span once with every draft
 * drawn from it. Spans of one article are disjoint or identical; a span overlapping an earlier one
 * is clipped so the text is never shown twice.
 */
export const piecesOf = (length: number, drafts: readonly Pick<Draft, 'id' | 'span'>[]): Piece[] => {
  const bySpan = new Map<string, Piece>();
  for (const d of drafts) {
    const key = `${d.span.start}-${d.span.end}`;
    const piece = bySpan.get(key) ?? { start: d.span.start, end: d.span.end, drafts: [] };
    piece.drafts.push(d.id);
    bySpan.set(key, piece);
  }
  const spans = [...bySpan.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: Piece[] = [];
  let at = 0;
  for (const span of spans) {
    const start = Math.max(span.start, at);
    if (span.end <= start) continue;
    if (start > at) pieces.push({ start: at, end: start, drafts: [] });
    pieces.push({ start, end: span.end, drafts: span.drafts });
    at = span.end;
  }
  if (at < length) pieces.push({ start: at, end: length, drafts: [] });
  return pieces;
};

/** A refused batch's problems ({ index, path, message }) attached to the accepted items they name. */
export const withProblems = (items: readonly ReviewItem[], problems: readonly { index?: number; path: string; message: string }[]): ReviewItem[] => {
  const accepted = items.filter((i) => i.decision === 'accepted');
  return items.map((item) => {
    const index = accepted.indexOf(item);
    const own = problems.filter((p) => p.index === index);
    return index >= 0 && own.length > 0 ? { ...item, problem: own.map((p) => `${p.path || 'event'}: ${p.message}`).join('; ') } : { ...item, problem: undefined };
  });
};
