import { existsSync } from 'node:fs';
import { createEventStore } from '../../store/create-event-store';
import { storeKindOf } from '../../store/store-location';
import { cli } from '../cli-context';
import { copyEvents, copyTarget, replayedClock } from '../copy-events';

export interface CopyFlags {
  from: string;
  to: string;
  batch?: number;
  /** Default: a progress bar when stderr is a terminal. */
  progress?: boolean;
}

/**
 * `parley copy --from ./data/parley.db --to postgres://…` (or esdb://…, or another file; any store
 * to any other): the source's log in position order, appended
 * to the target per negotiation stream in consecutive batches, so ids, global order and each
 * event's recordedAt survive. A re-run (after a crash, or with new events in the source) skips
 * what the target already holds: the target's idempotency makes the copy resumable.
 */
export const copyCommand = async (flags: CopyFlags): Promise<void> => {
  const batchSize = flags.batch ?? 500;
  if (storeKindOf(flags.from) === 'sqlite' && !existsSync(flags.from)) throw new Error(`--from: no store at ${flags.from}`);
  if (flags.to === flags.from) throw new Error(`--to is the same store as --from (${flags.to})`);

  const { stdout, stderr, clock } = cli();
  const source = await createEventStore(flags.from, clock);
  try {
    // Stores that take recordedAt from their clock (SQLite, PostgreSQL) are given the source's:
    // each batch is appended with the clock set to its events' original recordedAt.
    const copyClock = replayedClock();
    const target = await createEventStore(flags.to, copyClock);
    try {
      const total = (await source.summary()).reduce((sum, entry) => sum + entry.events, 0);
      const progress = flags.progress ?? Boolean(stderr.isTTY) ? stderr : undefined;
      const report = await copyEvents(source.readAll(), total, copyTarget(target, copyClock), batchSize, progress);
      stdout.write(`${JSON.stringify({ from: source.kind, to: target.kind, ...report })}\n`);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
};

