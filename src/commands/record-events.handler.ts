import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
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
    // Time-ordered ids keep the id index append-mostly.
    const progress = options.onProgress ?? (() => undefined);
    if (inputs.length === 0 && options.expectedRevision !== undefined) {
      // The revision is a negotiation's: with no event there is no negotiation to hold it against.
      throw new InvalidInputError([
        { field: 'expectedRevision', message: `an empty batch names no negotiation to check revision ${options.expectedRevision} against: send its events, or no expectedRevision` },
      ]);
    }
    const validated = await validateInChunks(inputs, options.locations, (done, total) => progress('validating', done, total));
    const events = validated.map((e) => ({ ...e, id: e.id ?? uuidv7() }) as ParleyEvent);
    const byNegotiation = groupBy(events, (e) => e.negotiation);
    if (options.expectedRevision !== undefined && byNegotiation.size > 1) {
      throw new DomainRuleError([{ index: 0, path: 'expectedRevision', message: `an expected revision applies to one negotiation; this batch has ${[...byNegotiation.keys()].join(', ')}` }]);
    }
    progress('recording', 0, events.length);
    const results = await this.appendDecided(byNegotiation, options.expectedRevision);
    progress('recorded', events.length, events.length);
    const stored = results.flatMap((r) => r.events);
    const appended = results.reduce((sum, r) => sum + r.appended, 0);
    const positionOf = new Map(stored.map((e) => [e.id, e.position]));
    const positions = stored.map((e) => e.position).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      appended,
      duplicates: stored.length - appended,
      firstPosition: positions[0] ?? null,
      lastPosition: positions[positions.length - 1] ?? null,
      ids: events.map((e) => e.id),
      recorded: events.map((e) => ({ id: e.id, position: positionOf.get(e.id) as bigint })),
    };
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

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
};
