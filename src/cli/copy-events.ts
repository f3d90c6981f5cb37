import { Presets, SingleBar } from 'cli-progress';
import { bodyOf, StoredEvent, streamOf } from '../../events';
import { Clock } from '../clock/clock';
import { AppendResult, EventStore } from '../store/event-store.port';

/** A store that takes events copied from another one with their original recordedAt itself (the KurrentDB adapter). */
export interface CopyTarget extends EventStore {
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

/** A clock that tells the time it is set to: the recordedAt of the batch being copied. */
export const replayedClock = (): Clock & { set(iso: string): void } => {
  let current = new Date(0);
  return { now: () => new Date(current), set: (iso: string) => (current = new Date(iso)) };
};

/**
 * Any store as a copy target. A store without appendCopied records each batch at its clock's
 * time, set here to the batch's original recordedAt (a batch never mixes recordedAts, see below).
 */
export const copyTarget = (target: EventStore, clock: ReturnType<typeof replayedClock>): CopyTarget =>
  isCopyTarget(target)
    ? target
    : Object.assign(Object.create(target) as EventStore, {
        appendCopied: (stream: string, events: readonly StoredEvent[]) => {
          clock.set(events[0].recordedAt);
          return target.append(stream, events.map(bodyOf));
        },
      });


/**
 * Appends a log, in its order, to a target per negotiation stream in consecutive batches (one
 * recordedAt each), so ids, global order and each event's recordedAt survive; `parley copy` and
 * `parley import` both run it. `progress`: where the progress bar goes, if anywhere.
 */
export const copyEvents = async (
  events: AsyncIterable<StoredEvent>,
  total: number,
  target: CopyTarget,
  batchSize: number,
  progress: NodeJS.WritableStream | undefined,
): Promise<CopyReport> => {
  const showProgress = progress !== undefined;
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
    for await (const event of events) {
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
