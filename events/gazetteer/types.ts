/**
 * The gazetteer: names the extraction engine resolves in news text. Plain data beside the vocabulary;
 * nothing here knows any particular article.
 */
export interface StateEntry {
  /** ISO 3166-1 alpha-2 (EU for the European Union). */
  readonly code: string;
  readonly name: string;
  /** Names and demonyms that stand for the state ("Mexican", "U.S."). Matched case-insensitively unless all caps. */
  readonly aliases: readonly string[];
  /** Capitals used as metonyms ("Washington said"); never counted after "in", "to", "from", "at". */
  readonly capitals?: readonly string[];
}

export interface OfficialEntry {
  /** Full name as usually printed. */
  readonly name: string;
  /** Other written forms: surname alone, without accents. Bare surnames count only when capitalised. */
  readonly aliases: readonly string[];
  /** The state (ISO) or actor slug the official speaks for. */
  readonly party: string;
  readonly role: string;
}

export interface AgencyEntry {
  /** Actor slug used as the party when the agency speaks for itself (not for a state). */
  readonly slug: string;
  readonly name: string;
  readonly aliases: readonly string[];
  /** The state it belongs to: a state agency acts for its state (USTR → US); industry bodies have none. */
  readonly state?: string;
  readonly kind: 'government' | 'industry' | 'union' | 'think-tank' | 'company' | 'international';
}

export interface NegotiationEntry {
  readonly slug: string;
  readonly title: string;
  readonly parties: readonly string[];
  /** Phrases whose presence points at this negotiation; weights add up, the best score wins. */
  readonly cues: readonly { readonly pattern: string; readonly weight: number }[];
}

export interface IssueEntry {
  readonly slug: string;
  /** Regular-expression sources (case-insensitive); all of `all` and one of `any` must occur in a sentence. */
  readonly any: readonly string[];
  readonly all?: readonly string[];
  /** A more specific issue wins over a general one when both match. */
  readonly priority: number;
}

export interface MetricEntry {
  readonly metric: string;
  /** Cues near a number (or a text-only claim) that say which metric it measures. */
  readonly cues: readonly string[];
  readonly unit: 'percent' | 'usd_per_hour' | 'years' | 'text';
  /** Issues this metric belongs to; a cue only counts in a sentence of one of them (empty: any). */
  readonly issues: readonly string[];
}
