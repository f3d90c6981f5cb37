import { EventStoreDBClient, MaxAppendSizeExceededError, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { streamOf } from '../../events';
import { ConcurrencyConflictError, IdempotencyConflictError } from '../../src/store/errors';
import { ExpectedRevision } from '../../src/store/event-store.port';
import { getKurrentDBEventStore, KurrentDBEventStore } from '../../src/store/kurrentdb/get-kurrentdb-event-store';
import { actualRevision, translateAppendError } from '../../src/store/kurrentdb/translate-error';
import { anEvent, collect, events } from '../support/event-builders';
import { InProcessKurrentDB, startInProcessKurrentDB } from '../support/kurrentdb/in-process-kurrentdb';

const NAFTA = streamOf('nafta-renegotiation');
const STEEL = streamOf('steel-talks');

describe('error translation', () => {
  const wrong = (expected: bigint | 'any' | 'no_stream' | 'stream_exists', current: bigint | 'no_stream') =>
    new WrongExpectedVersionError(undefined, { streamName: 'acme-negotiation-nafta-renegotiation', expected, current });

  it.each<[ExpectedRevision, bigint | 'no_stream', bigint | 'no_stream']>([
    [5n, 7n, 7n],
    ['no_stream', 0n, 0n],
    ['stream_exists', 'no_stream', 'no_stream'],
    [3n, -1n, 'no_stream'],
  ])('given WrongExpectedVersion (expected %s, server says %s), then it is a ConcurrencyConflictError on the port stream with actual %s', (expected, current, actual) => {
    const translated = translateAppendError(wrong(typeof expected === 'bigint' ? expected : expected, current), NAFTA, expected);
    expect(translated).toBeInstanceOf(ConcurrencyConflictError);
    expect(translated).toMatchObject({ stream: NAFTA, expected, actual });
  });

  it('given any other error, then it is passed on untouched (never swallowed)', () => {
    const boom = new Error('boom');
    expect(translateAppendError(boom, NAFTA, 'any')).toBe(boom);
  });

  it('given revisions in the shapes the client reports, then absent streams become no_stream', () => {
    expect(actualRevision(-1n)).toBe('no_stream');
    expect(actualRevision('no_stream')).toBe('no_stream');
    expect(actualRevision(undefined)).toBe('no_stream');
    expect(actualRevision(12n)).toBe(12n);
    expect(actualRevision('18446744073709551614')).toBe(18446744073709551614n);
  });
});

describe('given the adapter on an in-process KurrentDB with a small MaxAppendSize', () => {
  let db: InProcessKurrentDB;
  let raw: EventStoreDBClient;
  let store: KurrentDBEventStore;
  let n = 0;
  beforeAll(async () => {
    db = await startInProcessKurrentDB({ maxAppendSize: 4_000 });
    raw = EventStoreDBClient.connectionString(db.connectionString);
  });
  beforeEach(() => {
    store = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: `rev${++n}-` });
  });
  afterEach(() => store.close());
  afterAll(async () => {
    await raw.dispose();
    await db.stop();
  });

  const rawRevisions = async (stream: string) =>
    (await collect(raw.readStream(`${store.namespace}${stream}`)).catch((e: unknown) => (e instanceof StreamNotFoundError ? [] : Promise.reject(e)))).map(
      (e) => e.event!.revision,
    );

  it('when appending, then port revisions are KurrentDB revisions and nextExpectedRevision is the last one written', async () => {
    expect((await store.append(NAFTA, events(2), { expectedRevision: 'no_stream' })).nextExpectedRevision).toBe(1n);
    expect((await store.append(NAFTA, events(1), { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
    expect((await store.append(NAFTA, events(1), { expectedRevision: 'stream_exists' })).nextExpectedRevision).toBe(3n);
    expect((await collect(store.readStream(NAFTA))).map((e) => e.streamRevision)).toEqual(await rawRevisions(NAFTA));
  });

  it('when the expected revision is stale, then the BatchAppend refusal (a google.rpc.Status carrying WrongExpectedVersion) is a ConcurrencyConflictError with the actual revision; no write took the Append fallback', async () => {
    await store.append(NAFTA, events(3));
    const writesBefore = { ...db.writes };
    const error = await store.append(NAFTA, events(1), { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect(error).toMatchObject({ stream: NAFTA, expected: 0n, actual: 2n });
    expect(db.writes.batchAppend).toBeGreaterThan(writesBefore.batchAppend);
    expect(db.writes.append).toBe(0);
  });

  it('when a batch holds only duplicates, then no revision is checked and the current revision is reported', async () => {
    const batch = events(2);
    await store.append(NAFTA, batch);
    await store.append(NAFTA, events(1));
    expect(await store.append(NAFTA, batch, { expectedRevision: 'no_stream' })).toMatchObject({ appended: 0, duplicates: 2, nextExpectedRevision: 2n });
  });

  it('when an id already stored in another negotiation comes again with that content, then it is a duplicate; with other content, a conflict naming its position', async () => {
    const [event] = events(1);
    const first = await store.append(NAFTA, [event]);
    expect(await store.append(NAFTA, [{ ...event }])).toMatchObject({ appended: 0, duplicates: 1 });
    const error = await store.append(STEEL, [anEvent({ id: event.id, negotiation: 'steel-talks' })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect(error).toMatchObject({ eventId: event.id, storedPosition: first.events[0].position });
    expect(await rawRevisions(STEEL)).toEqual([]);
  });

  it('when another process wrote an id, then this process sees it as stored once its index has followed', async () => {
    const other = getKurrentDBEventStore({ connectionString: db.connectionString, namespace: store.namespace });
    try {
      await store.headPosition(); // index live
      const [event] = events(1);
      const written = await other.append(NAFTA, [event]);
      const deadline = Date.now() + 5_000;
      while ((await store.headPosition()) < written.events[0].position && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(await store.append(NAFTA, [event])).toMatchObject({ appended: 0, duplicates: 1 });
      expect((await store.getEvent(event.id))?.position).toBe(written.events[0].position);
    } finally {
      await other.close();
    }
  });

  it('when one append exceeds MaxAppendSize, then the server error comes through unchanged and nothing is stored or indexed', async () => {
    const big = events(20, () => ({ source: { quote: 'x'.repeat(400) } }));
    await expect(store.append(NAFTA, big)).rejects.toBeInstanceOf(MaxAppendSizeExceededError);
    expect(await collect(store.readAll())).toEqual([]);
    expect(await store.getEvent(big[0].id)).toBeUndefined();
    expect((await store.append(NAFTA, big.slice(0, 2))).appended).toBe(2);
  });
});
