import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { LoopSlice, loopSlices } from '../core/loop-slices';
import { ParleyEvent, streamOf } from '../../events';
import { InvalidInputError } from '../errors/invalid-input.error';
import { ConcurrencyConflictError } from '../store/errors';
import { AppendResult, EVENT_STORE, EventStore, ExpectedRevision } from '../store/event-store.port';
import { RecordEvents, RecordEventsResult } from './record-events.command';
import { DomainRuleError } from './domain-rule.error';
import { checkReferences, referencesOf } from './reference-rules';
import { alreadyStored, loadReferenceState } from './reference-state';
import { validateInChunks } from './validate-in-chunks';

const MAX_ATTEMPTS = 5;

@CommandHandler(RecordEvents)
export class RecordEventsHandler implements ICommandHandler<RecordEvents> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ inputs, options }: RecordEvents): Promise<RecordEventsResult> {
    const progress = options.onProgress ?? (() => undefined);
    if (inputs.length === 0 && options.expectedRevision !== undefined) {
      // The revision is a negotiation's: with no event there is no negotiation to hold it against.
      throw new InvalidInputError([
        { field: 'expectedRevision', message: `an empty batch names no negotiation to check revision ${options.expectedRevision} against: send its events, or no expectedRevision` },
      ]);
    }
    const validated = await validateInChunks(inputs, options.locations, (done, total) => progress('validating', done, total));
    // Large batches are walked in slices (loopSlices): other requests are served in between.
    const slice = loopSlices();
    const events = new Array<ParleyEvent>(validated.length);
    const byNegotiation = new Map<string, ParleyEvent[]>();
    for (let i = 0; i < validated.length; i++) {
      // Time-ordered ids keep the id index append-mostly.
      const event = (validated[i].id === undefined ? { ...validated[i], id: uuidv7() } : validated[i]) as ParleyEvent;
      events[i] = event;
      const group = byNegotiation.get(event.negotiation);
      if (group) group.push(event);
      else byNegotiation.set(event.negotiation, [event]);
      if ((i & 255) === 255) await slice();
    }
    if (options.expectedRevision !== undefined && byNegotiation.size > 1) {
      throw new DomainRuleError([{ index: 0, path: 'expectedRevision', message: `an expected revision applies to one negotiation; this batch has ${[...byNegotiation.keys()].join(', ')}` }]);
    }
    progress('recording', 0, events.length);
    const results = await this.appendDecided(byNegotiation, options.expectedRevision);
    progress('recorded', events.length, events.length);
    return resultOf(events, results, slice);
  }

  private async decide(events: readonly ParleyEvent[]): Promise<void> {
    const duplicates = await alreadyStored(this.store, events);
    const fresh = events.filter((e) => !duplicates.has(e.id));
    checkReferences(fresh, await loadReferenceState(this.store, fresh));
  }

  /**
   * The whole batch — every negotiation in it — goes to the store in one multi-stream append: all
   * of it is recorded or none (a store that cannot do that refuses a multi-negotiation batch before
   * writing). A negotiation whose events reference others is decided against its stream's revision
   * as read before the decision, and appended expecting exactly that revision: anything appended
   * meanwhile is a conflict, re-decided on fresh state (bounded) unless the caller fixed the
   * revision. A negotiation that references nothing cannot be refused by the decision and has no
   * revision to defend beyond the caller's.
   */
  private async appendDecided(byNegotiation: Map<string, ParleyEvent[]>, userExpected?: bigint): Promise<AppendResult[]> {
    const groups = [...byNegotiation].map(([negotiation, batch]) => ({
      stream: streamOf(negotiation),
      batch,
      decided: batch.some((e) => referencesOf(e).length > 0),
    }));
    if (!groups.some((g) => g.decided)) {
      return this.store.appendToStreams(groups.map(({ stream, batch }) => ({ stream, events: batch, expectedRevision: userExpected ?? 'any' })));
    }
    for (let attempt = 1; ; attempt++) {
      const revisions = new Map<string, ExpectedRevision>();
      for (const { stream, decided } of groups) if (decided) revisions.set(stream, await this.currentRevision(stream));
      if (userExpected !== undefined && [...revisions.values()].some((revision) => revision !== userExpected)) {
        // Cheaper than deciding first: the store reports the same conflict, expected vs actual.
        return this.store.appendToStreams(groups.map(({ stream, batch }) => ({ stream, events: batch, expectedRevision: userExpected })));
      }
      await this.decide(groups.flatMap((g) => g.batch));
      try {
        return await this.store.appendToStreams(
          groups.map(({ stream, batch }) => ({ stream, events: batch, expectedRevision: revisions.get(stream) ?? userExpected ?? 'any' })),
        );
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || userExpected !== undefined || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async currentRevision(stream: string): Promise<ExpectedRevision> {
    for await (const last of this.store.readStream(stream, { direction: 'backwards', limit: 1 })) return last.streamRevision;
    return 'no_stream';
  }
}

/** Each submitted event's id and position (a duplicate: where it was first stored), and the range of positions. */
const resultOf = async (events: readonly ParleyEvent[], results: readonly AppendResult[], slice: LoopSlice): Promise<RecordEventsResult> => {
  const positionOf = new Map<string, bigint>();
  let firstPosition: bigint | null = null;
  let lastPosition: bigint | null = null;
  let appended = 0;
  let stored = 0;
  for (const result of results) {
    appended += result.appended;
    stored += result.events.length;
    for (let i = 0; i < result.events.length; i++) {
      const { id, position } = result.events[i];
      positionOf.set(id, position);
      if (firstPosition === null || position < firstPosition) firstPosition = position;
      if (lastPosition === null || position > lastPosition) lastPosition = position;
      if ((i & 255) === 255) await slice();
    }
  }
  const ids = new Array<string>(events.length);
  const recorded = new Array<{ id: string; position: bigint }>(events.length);
  for (let i = 0; i < events.length; i++) {
    ids[i] = events[i].id;
    recorded[i] = { id: events[i].id, position: positionOf.get(events[i].id) as bigint };
    if ((i & 255) === 255) await slice();
  }
  return { appended, duplicates: stored - appended, firstPosition, lastPosition, ids, recorded };
};
