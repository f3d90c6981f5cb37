import { NewEvent } from '../../events';

/** Character offsets into the article text: `text.slice(start, end)` is the quote, exactly. */
export interface Span {
  start: number;
  end: number;
}

/** A proposed event: nothing is recorded until a person accepts it. */
export interface Draft {
  /** Derived from the document hash and the span, so re-extracting proposes the same ids. */
  id: string;
  /** The catalog event as it would be recorded (validated against the catalog's schema). */
  event: NewEvent & { id: string };
  span: Span;
  /** Rule ids and resolution steps that produced it, for the reviewer to judge. */
  why: string[];
  /** Whether the party is one of the negotiation's parties or another actor (a lobby, a company). */
  partyRole?: 'negotiation-party' | 'other-actor';
  /** Fields a person must complete before the draft can be recorded (e.g. what a counteroffer answers). */
  needsReview: string[];
}

export interface ArticleInfo {
  /** sha256 of the text (hex), the root of every draft id. */
  hash: string;
  document: string;
  title?: string;
  publisher?: string;
  /** The article's date as given (`--published`) or read from a dateline; absent when neither says. */
  publishedAt?: string;
  dateSource: 'given' | 'dateline' | 'none';
}

export interface NegotiationMatch {
  slug: string;
  title: string;
  parties: readonly string[];
  /** true when no known negotiation matched and the slug is proposed from the parties. */
  proposed: boolean;
  how: 'given' | 'matched' | 'proposed';
}

export interface Extraction {
  article: ArticleInfo;
  negotiation: NegotiationMatch;
  drafts: Draft[];
}

export interface ExtractOptions {
  /** The article's date (YYYY-MM-DD, YYYY-MM or YYYY); otherwise a dateline, otherwise undated. */
  published?: string;
  negotiation?: string;
  /** A name for the document (a file name); defaults to `sha256:<hash prefix>`. */
  document?: string;
  /** Today, from the injected clock: dates an undated article's claims no later than this. */
  today: string;
}

