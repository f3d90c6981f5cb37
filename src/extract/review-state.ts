import { Draft } from './draft';

/**
 * Drafts that can be recorded as they stand, and those a person must complete first (an unresolved
 * reference: what a counteroffer answers, which probe concluded). Recording the latter would be
 * refused by the command's rules, and with it the whole batch.
 */
export const splitReady = (drafts: readonly Draft[]): { ready: Draft[]; held: Draft[] } => ({
  ready: drafts.filter((d) => d.needsReview.length === 0),
  held: drafts.filter((d) => d.needsReview.length > 0),
});
