import { streamOf } from '../../events';
import { RecordEvents } from '../../src/commands/record-events.command';
import { DomainRuleError } from '../../src/commands/domain-rule.error';
import { RecordEventsHandler } from '../../src/commands/record-events.handler';
import { ConcurrencyConflictError } from '../../src/store/errors';
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
    append: async (stream, events, options) => {
      if (calls++ < times) await before();
      return inner.append(stream, events, options);
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
    expect(calls()).toBe(5);
    expect(await inner.getEvent('mx-70')).toBeUndefined();
  });

  it('given a caller-fixed revision, when another writer slipped in, then the conflict is reported, not retried', async () => {
    const { store, calls } = interleaved(inner, 1, () => inner.append(NAFTA, [anEvent({ id: 'noise' })]));
    const error = await new RecordEventsHandler(store).execute(new RecordEvents([counter('mx-70')], { expectedRevision: 0n })).catch((e: unknown) => e);
    expect(error).toMatchObject({ expected: 0n, actual: 1n });
    expect(calls()).toBe(1);
  });
});
