import { Presets, SingleBar } from 'cli-progress';
import { existsSync } from 'node:fs';
import { ParleyEvent, StoredEvent, streamOf } from '../../../events';
import { Clock } from '../../clock/clock';
import { createEventStore } from '../../store/create-event-store';
import { AppendResult, EventStore } from '../../store/event-store.port';
import { storeKindOf } from '../../store/store-location';
import { cli } from '../cli-context';

export interface CopyFlags {
  from: string;
  to: string;
  batch?: number;
  /** Default: a progress bar when stderr is a terminal. */
  progress?: boolean;
}

/** A store that takes events copied from another one with their original recordedAt itself (the KurrentDB adapter). */
interface CopyTarget extends EventStore {
  appendCopied(stream: string, events: readonly StoredEvent[]): Promise<AppendResult>;
}

const isCopyTarget = (store: EventStore): store is CopyTarget => typeof (store as Partial<CopyTarget>).appendCopied === 'function';

/** Well under KurrentDB's default MaxAppendSize (1 MiB), whatever the batch size. */
const MAX_BATCH_BYTES = 512 * 1024;

export interface CopyReport {
  read: number;
  copied: number;
  alreadyThere: number;
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
      const report = await copyEvents(source, copyTarget(target, copyClock), batchSize, flags.progress ?? Boolean(stderr.isTTY) ? stderr : undefined);
      stdout.write(`${JSON.stringify({ from: source.kind, to: target.kind, ...report })}\n`);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
};

/** A clock that tells the time it is set to: the recordedAt of the batch being copied. */
const replayedClock = (): Clock & { set(iso: string): void } => {
  let current = new Date(0);
  return { now: () => new Date(current), set: (iso: string) => (current = new Date(iso)) };
};

/**
 * Any store as a copy target. A store without appendCopied records each batch at its clock's
 * time, set here to the batch's original recordedAt (a batch never mixes recordedAts, see below).
 */
const copyTarget = (target: EventStore, clock: ReturnType<typeof replayedClock>): CopyTarget =>
  isCopyTarget(target)
    ? target
    : Object.assign(Object.create(target) as EventStore, {
        appendCopied: (stream: string, events: readonly StoredEvent[]) => {
          clock.set(events[0].recordedAt);
          return target.append(stream, events.map(bodyOf));
        },
      });

const bodyOf = ({ position, streamRevision, recordedAt, ...body }: StoredEvent): ParleyEvent => body as ParleyEvent;

/** `progress`: where the progress bar goes, if anywhere. */
const copyEvents = async (source: EventStore, target: CopyTarget, batchSize: number, progress: NodeJS.WritableStream | undefined): Promise<CopyReport> => {
  const showProgress = progress !== undefined;
  const total = (await source.summary()).reduce((sum, entry) => sum + entry.events, 0);
  const bar = new SingleBar(
    {
      stream: progress,
      format: 'copy |{bar}| {percentage}% | {value}/{total} events | {copied} copied, {alreadyThere} already there | ETA {eta_formatted}',
      hideCursor: true,
      noTTYOutput: true, // --progress with stderr redirected: a line every couple of seconds
      notTTYSchedule: 1_000,
    },
    Presets.shades_classic,
  );
  const report: CopyReport = { read: 0, copied: 0, alreadyThere: 0 };
  if (showProgress) bar.start(total, 0, { copied: 0, alreadyThere: 0 });

  let pending: StoredEvent[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const result = await target.appendCopied(streamOf(pending[0].negotiation), pending);
    report.copied += result.appended;
    report.alreadyThere += result.duplicates;
    if (showProgress) bar.update(report.read, { copied: report.copied, alreadyThere: report.alreadyThere });
    pending = [];
    pendingBytes = 0;
  };
  try {
    for await (const event of source.readAll()) {
      const bytes = JSON.stringify(event, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)).length;
      if (
        pending.length > 0 &&
        (pending[0].negotiation !== event.negotiation || pending[0].recordedAt !== event.recordedAt || pending.length >= batchSize || pendingBytes + bytes > MAX_BATCH_BYTES)
      )
        await flush();
      pending.push(event);
      pendingBytes += bytes;
      report.read++;
    }
    await flush();
  } finally {
    if (showProgress) bar.stop();
  }
  return report;
};
