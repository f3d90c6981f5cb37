import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { firstValueFrom } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import { streamOf } from '../../events';
import { canonicalBody } from '../../src/store/event-body';
import { NotAParleyEventError } from '../../src/store/kurrentdb/event-encoding';
import { kurrentEventId } from '../../src/store/kurrentdb/event-id';
import { getKurrentDBEventStore, KurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { anEvent, collect } from '../support/event-builders';
import { InProcessKurrentDB, startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

const NAFTA = streamOf('nafta-renegotiation');

describe('given the adapter writing to an in-process KurrentDB', () => {
  let db: InProcessKurrentDB;
  let raw: EventStoreDBClient;
  let store: KurrentDBEventStore;
  let n = 0;
  beforeAll(async () => {
    db = await startInProcessKurrentDB();
    raw = EventStoreDBClient.connectionString(db.connectionString);
  });
  beforeEach(() => {
    store = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: `enc${++n}-` });
  });
  afterEach(() => store.close());
  afterAll(async () => {
    await raw.dispose();
    await db.stop();
  });

  it('when an event is appended, then KurrentDB holds one JSON event of its type, with the whole event as data and the envelope as string metadata', async () => {
    const event = anEvent({ id: 'ustr-rvc-75', source: { publisher: 'USTR', title: 'Fact sheet' } });
    await store.append(NAFTA, [event]);
    const [resolved] = await collect(raw.readStream(`${store.namespace}negotiation-nafta-renegotiation`));
    const recorded = resolved.event!;
    expect(recorded).toMatchObject({ type: 'OfferMade', isJson: true, id: kurrentEventId('ustr-rvc-75', store.namespace), revision: 0n });
    expect(recorded.data).toEqual(JSON.parse(canonicalBody(event)));
    expect(recorded.metadata).toEqual({
      'parley.id': 'ustr-rvc-75',
      'parley.schemaVersion': '1',
      'parley.negotiation': 'nafta-renegotiation',
      'parley.issue': 'auto-rules-of-origin',
      'parley.party': 'MX',
      'parley.occurredAt': '2018-05-24',
    });
    for (const value of Object.values(recorded.metadata as Record<string, unknown>)) expect(typeof value).toBe('string');
  });

  it('when an event has no issue or party, then those metadata keys are absent rather than empty', async () => {
    await store.append(NAFTA, [anEvent({ type: 'StatementIssued', issue: undefined, party: undefined, data: { speaker: 'Lighthizer', quote: 'slow' } })]);
    const [resolved] = await collect(raw.readStream(`${store.namespace}negotiation-nafta-renegotiation`));
    expect(Object.keys(resolved.event!.metadata as object).sort()).toEqual(['parley.id', 'parley.negotiation', 'parley.occurredAt', 'parley.schemaVersion']);
  });

  it("when read back, then recordedAt is the server's `created` and the position its $all commit position", async () => {
    const before = Date.now();
    const { events } = await store.append(NAFTA, [anEvent()]);
    const after = Date.now();
    const [resolved] = await collect(raw.readStream(`${store.namespace}negotiation-nafta-renegotiation`));
    expect(events[0].recordedAt).toBe(resolved.event!.created.toISOString());
    expect(Date.parse(events[0].recordedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(events[0].recordedAt)).toBeLessThanOrEqual(after);
    expect(events[0].position).toBe(resolved.event!.position!.commit);
  });

  it('when events are copied in, then their original recordedAt is kept in metadata and reported instead of `created`', async () => {
    const [original] = [anEvent({ id: 'copied-1' })];
    const result = await store.appendCopied(NAFTA, [{ ...original, position: 7n, streamRevision: 0n, recordedAt: '2018-05-24T17:00:00.000Z' }]);
    expect(result.events[0].recordedAt).toBe('2018-05-24T17:00:00.000Z');
    expect((await store.getEvent('copied-1'))?.recordedAt).toBe('2018-05-24T17:00:00.000Z');
    const [resolved] = await collect(raw.readStream(`${store.namespace}negotiation-nafta-renegotiation`));
    expect((resolved.event!.metadata as Record<string, string>)['parley.recordedAt']).toBe('2018-05-24T17:00:00.000Z');
  });

  it('when checkpoints, other namespaces and system streams share the log, then readAll, subscribe and summary see only this namespace', async () => {
    const other = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: `other${n}-` });
    try {
      await other.append(NAFTA, [anEvent({ id: 'elsewhere' })]);
      await store.storeCheckpoint('dashboard', 1n);
      await raw.appendToStream('$stats-127.0.0.1:2113', jsonEvent({ type: '$statsCollected', data: {} }));
      await store.append(NAFTA, [anEvent({ id: 'mine' })]);
      expect((await collect(store.readAll())).map((e) => e.id)).toEqual(['mine']);
      expect((await collect(store.readAll({ direction: 'backwards' }))).map((e) => e.id)).toEqual(['mine']);
      const live = await firstValueFrom(store.subscribe({ fromPosition: 0n }).pipe(filter((m) => m.kind === 'caught-up' || m.kind === 'event'), take(2), toArray()));
      expect(live.map((m) => (m.kind === 'event' ? m.event.id : m.kind))).toEqual(['mine', 'caught-up']);
      expect(await store.summary()).toEqual([{ negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', events: 1 }]);
      expect(await store.getEvent('elsewhere')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('when something that is not a Parley event sits in a negotiation stream, then reading it fails loudly instead of skipping it', async () => {
    await raw.appendToStream(`${store.namespace}negotiation-nafta-renegotiation`, jsonEvent({ type: 'Whatever', data: { hello: 'world' } }));
    await expect(collect(store.readAll())).rejects.toBeInstanceOf(NotAParleyEventError);
    await expect(collect(store.readStream(NAFTA))).rejects.toThrow(/KurrentDB stream enc\d+-negotiation-nafta-renegotiation is not a Parley event: it has no Parley id or type/);
  });
});
