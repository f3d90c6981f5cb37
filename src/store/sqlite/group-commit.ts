import type { DraftOutcome, QueuedDrafts } from './draft-writer';

/** At most this many callers share one transaction. */
const MAX_GROUP = 1_000;

/**
 * Group commit. Appends are queued and committed at the next turn of the loop they run on: every
 * append that arrived meanwhile (concurrent callers, or requests that queued up while the previous
 * commit's fsync held the writer) shares one transaction and so one fsync.
 */
export const groupCommit = (commit: (queued: readonly QueuedDrafts[]) => DraftOutcome[]) => {
  const queue: { queued: QueuedDrafts; settle: (outcome: DraftOutcome) => void }[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_GROUP);
      const outcomes = commit(group.map((g) => g.queued));
      outcomes.forEach((outcome, i) => group[i].settle(outcome));
    }
  };

  return {
    submit: (queued: QueuedDrafts, settle: (outcome: DraftOutcome) => void): void => {
      queue.push({ queued, settle });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    /** Commits whatever is queued now (before closing the database). */
    flush,
  };
};
