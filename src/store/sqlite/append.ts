import { ParleyEvent, schemaVersionOf, StoredEvent } from '../../../events';
import { Clock } from '../../clock/clock';
import { loopSlices } from '../../core/loop-slices';
import { AppendOptions, AppendResult, StreamAppend } from '../event-store.port';
import { fastCanonicalBody as canonicalBody } from './canonical-body';
import { DraftAppend, EventDraft, StoredDrafts } from './draft-writer';
import { DraftWriter } from './draft-writers';
import { rowToEvent } from './rows';
import { StoreNotWritableError } from './storage-errors';

const draftOf = (event: ParleyEvent): EventDraft => ({
  id: event.id,
  type: event.type,
  negotiation: event.negotiation,
  issue: event.issue ?? null,
  party: event.party ?? null,
  occurredAt: event.occurredAt,
  schemaVersion: schemaVersionOf(event.type),
  body: canonicalBody(event),
});

/** Drafts of every event, a slice at a time: a batch of 100 000 events never holds the loop for long. */
const draftsOf = async (appends: readonly StreamAppend[]): Promise<DraftAppend[]> => {
  const drafted: DraftAppend[] = [];
  const slice = loopSlices();
  for (const { stream, events, expectedRevision } of appends) {
    const drafts = new Array<EventDraft>(events.length);
    for (let i = 0; i < events.length; i++) {
      drafts[i] = draftOf(events[i]);
      if ((i & 127) === 127) await slice();
    }
    drafted.push({ stream, drafts, expectedRevision: expectedRevision ?? 'any' });
  }
  return drafted;
};

/** The stored events of one stream's append: the caller's events with their new positions, or the stored twins. */
const storedEventsOf = async (events: readonly ParleyEvent[], stored: StoredDrafts): Promise<AppendResult> => {
  const out = new Array<StoredEvent>(stored.sources.length);
  const slice = loopSlices();
  let twin = 0;
  for (let i = 0; i < out.length; i++) {
    if (twin < stored.twins.length && stored.twins[twin][0] === i) {
      out[i] = rowToEvent(stored.twins[twin++][1]);
    } else {
      out[i] = { ...events[stored.sources[i]], position: BigInt(stored.positions[i]), streamRevision: BigInt(stored.revisions[i]), recordedAt: stored.recordedAt };
    }
    if ((i & 255) === 255) await slice();
  }
  return { nextExpectedRevision: stored.nextExpectedRevision, events: out, appended: stored.appended, duplicates: out.length - stored.appended };
};

/** Commits larger than this are read back by the live tail, a slice at a time, not handed over at once. */
const HANDED_OVER = 1_000;

/** The events a commit added, as the log holds them (parsed from their canonical bodies, as a read gives them). */
const committedEvents = (drafts: readonly DraftAppend[], stored: readonly StoredDrafts[]): StoredEvent[] => {
  const events: StoredEvent[] = [];
  stored.forEach(({ sources, positions, revisions, twins, recordedAt }, i) => {
    let twin = 0;
    for (let entry = 0; entry < sources.length; entry++) {
      if (twin < twins.length && twins[twin][0] === entry) {
        twin++;
        continue;
      }
      const draft = drafts[i].drafts[sources[entry]];
      events.push(rowToEvent({ position: positions[entry], stream_revision: revisions[entry], recorded_at: recordedAt, schema_version: draft.schemaVersion, body: draft.body }));
    }
  });
  return events;
};

/**
 * Appends as the port has them: events become drafts (columns and canonical body) here, the writer
 * commits them (draft-writer.ts, on the writer thread of a file store), and the answer becomes
 * stored events again. Every caller is answered only after the commit that holds its events, so an
 * acknowledged append is durable, and an append is never partly committed.
 */
export const sqliteAppend = (
  writer: DraftWriter,
  clock: Clock,
  /** After each commit that added events: the events themselves when there are few (built only if asked for). */
  onCommitted: (events?: () => StoredEvent[]) => void = () => undefined,
) => {
  /** Why the last commit failed for storage reasons (cleared by the next commit that succeeds). */
  let writeProblem: StoreNotWritableError | undefined;

  const appendToStreams = async (appends: readonly StreamAppend[]): Promise<AppendResult[]> => {
    const drafts = await draftsOf(appends);
    let stored: StoredDrafts[];
    try {
      stored = await writer.write(drafts, clock.now().toISOString());
    } catch (error) {
      if (error instanceof StoreNotWritableError) writeProblem = error;
      throw error;
    }
    writeProblem = undefined;
    const appended = stored.reduce((sum, s) => sum + s.appended, 0);
    if (appended > 0) onCommitted(appended <= HANDED_OVER ? () => committedEvents(drafts, stored) : undefined);
    const results: AppendResult[] = [];
    for (let i = 0; i < appends.length; i++) results.push(await storedEventsOf(appends[i].events, stored[i]));
    return results;
  };

  return {
    append: async (stream: string, events: readonly ParleyEvent[], options: AppendOptions = {}): Promise<AppendResult> =>
      (await appendToStreams([{ stream, events, expectedRevision: options.expectedRevision }]))[0],
    appendToStreams,
    close: (): Promise<void> => writer.close(),
    writeProblem: (): StoreNotWritableError | undefined => writeProblem,
  };
};
