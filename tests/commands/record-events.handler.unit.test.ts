import { streamOf } from '../../events';
import { RecordEvents } from '../../src/commands/record-events.command';
import { DomainRuleError } from '../../src/commands/domain-rule.error';
import { RecordEventsHandler } from '../../src/commands/record-events.handler';
import { InvalidInputError } from '../../src/errors/invalid-input.error';
import { ConcurrencyConflictError, IdempotencyConflictError, MultiStreamAppendUnsupportedError } from '../../src/store/errors';
import { EventStore } from '../../src/store/event-store.port';
import { getSQLiteEventStore } from '../../src/store/sqlite/get-sqlite-event-store';
import { anEvent, collect } from '../support/event-builders';

const NAFTA = streamOf('nafta-renegotiation');
const offer = anEvent({ id: 'us-75', party: 'US', data: { terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent' }] } });
const counter = (id: string) => ({
  id, type: 'CounterofferMade', negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', party: 'MX', occurredAt: '2018-05-24',
  data: { terms: [{ metric: 'regional_value_content', value: 70, unit: 'percent' }], respondsTo: 'us-75' },
});
const retraction = anEvent({ id: 'retract-us-75', type: 'EventRetracted', issue: undefined, party: undefined, occurredAt: '2018-06-01', data: { retracts: 'us-75', reason: 'misreported' } });

/** A store whose appends first run `before` (another writer slipping in), once per call, for the first `times` calls. */
const interleaved = (inner: EventStore, times: number, before: () => Promise<unknown>) => {
  let calls = 0;
  const store: EventStore = {
    ...inner,
    appendToStreams: async (appends) => {
      if (calls++ < times) await before();
      return inner.appendToStreams(appends);
    },
  };
  return { store, calls: () => calls };
};

describe('RecordEvents: deciding against a revision', () => {
  let inner: EventStore;
  beforeEach(async () => {
    inner = getSQLiteEventStore({ path: ':memory:' });
    await inner.append(NAFTA, [offer]);
  });
  afterEach(() => inner.close());

  it('given another writer appending between the decision and the append, when a counteroffer is recorded, then the conflict is retried on fresh state and succeeds', async () => {
    let n = 0;
    const { store, calls } = interleaved(inner, 2, () => inner.append(NAFTA, [anEvent({ id: `noise-${n++}` })]));
    const result = await new RecordEventsHandler(store).execute(new RecordEvents([counter('mx-70')]));
    expect(result.appended).toBe(1);
    expect(calls()).toBe(3);
    expect((await collect(inner.readStream(NAFTA))).map((e) => e.id)).toEqual(['us-75', 'noise-0', 'noise-1', 'mx-70']);
  });

  it('given the referenced offer retracted by another writer meanwhile, when the retry decides again, then the counteroffer is refused and nothing of it is written', async () => {
    const { store } = interleaved(inner, 1, () => inner.append(NAFTA, [retraction]));
    const error = await new RecordEventsHandler(store).execute(new RecordEvents([counter('mx-70')])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainRuleError);
    expect((error as DomainRuleError).problems[0]).toMatchObject({ path: 'data.respondsTo', message: 'event "us-75" has been retracted' });
    expect(await inner.getEvent('mx-70')).toBeUndefined();
  });

  it('given a writer that always slips in, then the handler gives up after a bounded number of attempts with the conflict', async () => {
    let n = 0;
    const { store, calls } = interleaved(inner, 100, () => inner.append(NAFTA, [anEvent({ id: `noise-${n++}` })]));
    await expect(new RecordEventsHandler(store).execute(new RecordEvents([counter('mx-70')]))).rejects.toBeInstanceOf(ConcurrencyConflictError);
    // Bounded: it stops well before the writer's 100 slips run out (an unbounded retry would then succeed).
    expect(calls()).toBeGreaterThan(1);
    expect(calls()).toBeLessThan(100);
    expect(await inner.getEvent('mx-70')).toBeUndefined();
  });

  it('given a caller-fixed revision, when another writer slipped in, then the conflict is reported, not retried', async () => {
    const { store, calls } = interleaved(inner, 1, () => inner.append(NAFTA, [anEvent({ id: 'noise' })]));
    const error = await new RecordEventsHandler(store).execute(new RecordEvents([counter('mx-70')], { expectedRevision: 0n })).catch((e: unknown) => e);
    expect(error).toMatchObject({ expected: 0n, actual: 1n });
    expect(calls()).toBe(1);
  });
});

describe('RecordEvents: an empty batch', () => {
  it('given no events and an expected revision, then it is refused naming expectedRevision (no negotiation to hold it against); without one it records nothing', async () => {
    const store = getSQLiteEventStore({ path: ':memory:' });
    try {
      const error = await new RecordEventsHandler(store).execute(new RecordEvents([], { expectedRevision: 5n })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).problems).toEqual([{ field: 'expectedRevision', message: expect.stringContaining('an empty batch names no negotiation to check revision 5 against') }]);
      expect(await new RecordEventsHandler(store).execute(new RecordEvents([]))).toMatchObject({ appended: 0, duplicates: 0, firstPosition: null });
    } finally {
      await store.close();
    }
  });
});

describe('RecordEvents: a batch spanning several negotiations is all-or-nothing', () => {
  let store: EventStore;
  const statement = (id: string, negotiation: string, quote: string) => ({
    id, type: 'StatementIssued', negotiation, occurredAt: '2020', data: { speaker: 'a', quote },
  });
  beforeEach(() => (store = getSQLiteEventStore({ path: ':memory:' })));
  afterEach(() => store.close());

  it('given an id stored in negotiation b, when a batch records a new event in a and that id with other content in b, then the conflict refuses the batch and a is not stored', async () => {
    await new RecordEventsHandler(store).execute(new RecordEvents([statement('x1', 'neg-b', 'original')]));
    const error = await new RecordEventsHandler(store)
      .execute(new RecordEvents([statement('a1', 'neg-a', 'new'), statement('x1', 'neg-b', 'other')]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect(await store.getEvent('a1')).toBeUndefined();
    expect(await store.headPosition()).toBe(1n);
  });

  it('given one id used in two negotiations of one batch, then it is named as reused in the batch and nothing is stored', async () => {
    const error = await new RecordEventsHandler(store)
      .execute(new RecordEvents([statement('same', 'neg-a', 'one'), statement('same', 'neg-b', 'two')]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect((error as Error).message).toContain('used in this batch');
    expect(await store.headPosition()).toBe(0n);
  });

  it('given a reference that fails in the second negotiation, then nothing of the first is stored', async () => {
    const error = await new RecordEventsHandler(store)
      .execute(new RecordEvents([statement('a1', 'neg-a', 'new'), counter('mx-70')]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainRuleError);
    expect(await store.headPosition()).toBe(0n);
  });

  it('given a store that cannot append several streams atomically, then a multi-negotiation batch is refused naming both negotiations and nothing is written', async () => {
    const singleStream: EventStore = {
      ...store,
      multiStreamAppend: 'single-stream',
      appendToStreams: async (appends) => {
        if (appends.length > 1) throw new MultiStreamAppendUnsupportedError(appends.map((a) => a.events[0].negotiation), 'test');
        return store.appendToStreams(appends);
      },
    };
    const error = await new RecordEventsHandler(singleStream)
      .execute(new RecordEvents([statement('a1', 'neg-a', 'x'), statement('b1', 'neg-b', 'y')]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MultiStreamAppendUnsupportedError);
    expect((error as Error).message).toMatch(/neg-a, neg-b/);
    expect(await store.headPosition()).toBe(0n);
  });
});
