/**
 * The in-process KurrentDB double, exercised only through the official client
 * (@eventstore/db-client), so the store-adapter conformance suite can trust it.
 */
import { randomUUID } from "node:crypto";
import {
  BACKWARDS,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  binaryEvent,
  eventTypeFilter,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Filter,
  type Position,
  type ResolvedEvent,
  type StreamSubscription,
} from "@eventstore/db-client";
import {
  startInProcessKurrentDB,
  type InProcessKurrentDB,
  type InProcessKurrentDBOptions,
} from "./support/kurrentdb/in-process-kurrentdb";

jest.setTimeout(30_000);

interface Harness {
  db: InProcessKurrentDB;
  client: EventStoreDBClient;
}

async function start(options?: InProcessKurrentDBOptions): Promise<Harness> {
  const db = await startInProcessKurrentDB(options);
  return { db, client: EventStoreDBClient.connectionString(db.connectionString) };
}

async function shutdown({ db, client }: Harness): Promise<void> {
  await client.dispose();
  await db.stop();
}

const stream = (prefix: string) => `${prefix}-${randomUUID()}`;
const offer = (n: number) => jsonEvent({ type: "OfferMade", data: { n } });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const positionsOf = (events: AllStreamResolvedEvent[]): bigint[] => events.map((e) => e.event!.position.commit);

/** Everything a subscription emits until `done` says so (checked after every event and at caughtUp). */
function record<E extends AllStreamResolvedEvent | ResolvedEvent>(
  subscription: AllStreamSubscription | StreamSubscription,
  done: (events: E[], caughtUp: boolean) => boolean,
): Promise<E[]> {
  const events: E[] = [];
  let caughtUp = false;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (done(events, caughtUp)) resolve(events);
    };
    subscription.on("error", reject);
    subscription.on("data", (event: unknown) => {
      events.push(event as E);
      check();
    });
    // caughtUp is emitted before the next event is pushed; let queued events flow first.
    subscription.on("caughtUp", () => setImmediate(() => ((caughtUp = true), check())));
  });
}

describe("given an in-process KurrentDB double", () => {
  let h: Harness;
  beforeAll(async () => (h = await start()));
  afterAll(() => shutdown(h));

  describe("when json and binary events are appended to a new stream", () => {
    it("then reading the stream back returns them byte-exact, in order, with revisions, positions and created", async () => {
      const name = stream("offer");
      const bytes = new Uint8Array([0, 255, 1, 128, 0xc3, 0x28, 10]);
      const binaryMetadata = new Uint8Array([9, 8, 7]);
      const before = Date.now();
      const appended = await h.client.appendToStream(
        name,
        [
          jsonEvent({ type: "OfferMade", data: { amount: 12.5, party: "Ä", terms: [1, 2] }, metadata: { by: "test" } }),
          binaryEvent({ type: "Attachment", data: bytes, metadata: binaryMetadata }),
        ],
        { expectedRevision: "no_stream" },
      );
      const after = Date.now();

      expect(appended.success).toBe(true);
      expect(appended.nextExpectedRevision).toBe(1n);
      expect(typeof appended.position?.commit).toBe("bigint");
      expect(appended.position?.prepare).toBe(appended.position?.commit);

      const [json, binary] = await collect(h.client.readStream(name));
      expect(json.event).toMatchObject({
        streamId: name,
        revision: 0n,
        type: "OfferMade",
        isJson: true,
        data: { amount: 12.5, party: "Ä", terms: [1, 2] },
        metadata: { by: "test" },
      });
      expect(binary.event).toMatchObject({ streamId: name, revision: 1n, type: "Attachment", isJson: false });
      expect(Buffer.from(binary.event!.data as Uint8Array)).toEqual(Buffer.from(bytes));
      expect(Buffer.from(binary.event!.metadata as Uint8Array)).toEqual(Buffer.from(binaryMetadata));
      expect(binary.event!.position).toEqual(appended.position);
      expect(json.event!.position!.commit).toBeLessThan(binary.event!.position!.commit);
      for (const { event } of [json, binary]) {
        expect(event!.created.getTime()).toBeGreaterThanOrEqual(before);
        expect(event!.created.getTime()).toBeLessThanOrEqual(after);
      }
    });
  });

  describe("when a stream with five events is read with directions, revisions and counts", () => {
    const name = stream("read");
    beforeAll(() => h.client.appendToStream(name, [0, 1, 2, 3, 4].map(offer)));
    const revisions = async (options: Parameters<EventStoreDBClient["readStream"]>[1]) =>
      (await collect(h.client.readStream(name, options))).map((e) => e.event!.revision);

    it("then forwards from a revision is inclusive", async () => {
      expect(await revisions({ fromRevision: 2n })).toEqual([2n, 3n, 4n]);
    });
    it("then backwards from the end honours maxCount", async () => {
      expect(await revisions({ direction: BACKWARDS, fromRevision: END, maxCount: 2 })).toEqual([4n, 3n]);
    });
    it("then backwards from a revision includes it", async () => {
      expect(await revisions({ direction: BACKWARDS, fromRevision: 1n })).toEqual([1n, 0n]);
    });
    it("then forwards from the end or past the last revision is empty", async () => {
      expect(await revisions({ direction: FORWARDS, fromRevision: END })).toEqual([]);
      expect(await revisions({ fromRevision: 99n })).toEqual([]);
    });
  });

  describe("when a stream that was never written is read", () => {
    it("then the client raises StreamNotFoundError", async () => {
      const name = stream("missing");
      await expect(collect(h.client.readStream(name))).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe("when appending with each expected revision mode", () => {
    it("then no_stream succeeds once and then fails with expected/actual", async () => {
      const name = stream("ev");
      await expect(h.client.appendToStream(name, offer(0), { expectedRevision: "no_stream" })).resolves.toMatchObject({
        nextExpectedRevision: 0n,
      });
      const error = await h.client.appendToStream(name, offer(1), { expectedRevision: "no_stream" }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: name, expectedVersion: "no_stream", actualVersion: 0n });
    });

    it("then an exact revision must match the last revision", async () => {
      const name = stream("ev");
      await h.client.appendToStream(name, [offer(0), offer(1)]);
      await expect(h.client.appendToStream(name, offer(2), { expectedRevision: 1n })).resolves.toMatchObject({
        success: true,
        nextExpectedRevision: 2n,
      });
      const error = await h.client.appendToStream(name, offer(3), { expectedRevision: 5n }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ expectedVersion: 5n, actualVersion: 2n });
    });

    it("then stream_exists fails on a missing stream and any always succeeds", async () => {
      const name = stream("ev");
      const error = await h.client.appendToStream(name, offer(0), { expectedRevision: "stream_exists" }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ expectedVersion: "stream_exists", actualVersion: "no_stream" });
      await h.client.appendToStream(name, offer(0), { expectedRevision: "any" });
      await expect(h.client.appendToStream(name, offer(1), { expectedRevision: "stream_exists" })).resolves.toMatchObject(
        { nextExpectedRevision: 1n },
      );
    });

    it("then with throwOnAppendFailure=false the failure is a result whose revision the client misreads (why the adapter drops that option)", async () => {
      const name = stream("ev");
      const lenient = EventStoreDBClient.connectionString(`${h.db.connectionString}&throwOnAppendFailure=false`);
      try {
        await lenient.appendToStream(name, [offer(0), offer(1), offer(2)]);
        // 6.2.1's BatchAppend path computes BigInt(hasCurrentStreamRevision()): 1n, not the actual 2n (batchAppend.js).
        await expect(lenient.appendToStream(name, offer(3), { expectedRevision: 7n })).resolves.toEqual({
          success: false,
          nextExpectedRevision: 1n,
          position: undefined,
        });
      } finally {
        await lenient.dispose();
      }
    });

    it("then with any, ids are recognised only through the committed-ids cache: a partial overlap is WrongExpectedVersion, an unknown first id appends duplicates (IndexWriter.CheckCommit)", async () => {
      const name = stream("weak");
      const [e0, e1, e2] = [offer(0), offer(1), offer(2)];
      const first = await h.client.appendToStream(name, [e0, e1]);
      expect(await h.client.appendToStream(name, [e0, e1])).toEqual(first);
      await expect(h.client.appendToStream(name, [e1, e2])).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await h.client.appendToStream(name, [e2, e0]);
      expect((await collect(h.client.readStream(name))).map((e) => e.event!.id)).toEqual([e0.id, e1.id, e2.id, e0.id]);
    });

    it("then a write whose own deadline has passed when it arrives is refused with Timeout (BatchAppend's per-write deadline) and not written", async () => {
      const name = stream("late");
      await expect(h.client.appendToStream(name, offer(0), { deadline: 0 })).rejects.toBeInstanceOf(DeadlineExceededError);
      await expect(collect(h.client.readStream(name))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it("then an exact revision equal to the current one appends even ids already in the stream (no check on that branch)", async () => {
      const name = stream("exact-dup");
      const e0 = offer(0);
      await h.client.appendToStream(name, e0, { expectedRevision: "no_stream" });
      await h.client.appendToStream(name, e0, { expectedRevision: 0n });
      expect((await collect(h.client.readStream(name))).map((e) => e.event!.id)).toEqual([e0.id, e0.id]);
    });

    it("then re-appending the same event ids at the same expected revision is an idempotent no-op", async () => {
      const name = stream("idem");
      const events = [offer(0), offer(1)];
      const first = await h.client.appendToStream(name, events, { expectedRevision: "no_stream" });
      const retry = await h.client.appendToStream(name, events, { expectedRevision: "no_stream" });
      expect(retry).toEqual(first);
      expect(await collect(h.client.readStream(name))).toHaveLength(2);
    });
  });

  describe("when one append is bigger than KurrentDB's default MaxAppendSize (1 MiB)", () => {
    it("then the client raises MaxAppendSizeExceededError and nothing is written", async () => {
      const name = stream("huge");
      const huge = binaryEvent({ type: "Blob", data: new Uint8Array(1024 * 1024 + 1) });
      const error = await h.client.appendToStream(name, huge).catch((e) => e);
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(error.maxAppendSize).toBe(1024 * 1024);
      await expect(collect(h.client.readStream(name))).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe("when a stream is hard-deleted (tombstoned)", () => {
    it("then $streamDeleted sits in the stream's place in $all, reads raise StreamDeletedError and appends are refused", async () => {
      const name = stream("tomb");
      await h.client.appendToStream(name, [offer(0), offer(1)]);
      await h.client.tombstoneStream(name);
      const tombstone = (await collect(h.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })))[0].event!;
      expect(tombstone).toMatchObject({ streamId: name, type: "$streamDeleted", isJson: false, revision: 9223372036854775807n });
      await expect(collect(h.client.readStream(name))).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(h.client.appendToStream(name, offer(2))).rejects.toBeInstanceOf(StreamDeletedError);
    });
  });

  describe("when an unsupported method is called", () => {
    it("then it fails instead of pretending (UNIMPLEMENTED)", async () => {
      await expect(h.client.deleteStream(stream("del"))).rejects.toMatchObject({ code: 12 });
    });
  });
});

describe("given a log with events in several streams", () => {
  let h: Harness;
  let appended: bigint[];
  beforeAll(async () => {
    h = await start();
    appended = [];
    for (const [name, type, size] of [
      ["offer-1", "OfferMade", 1],
      ["tariff-1", "TariffImposed", 300],
      ["offer-2", "OfferWithdrawn", 20],
      ["tariff-2", "TariffImposed", 4000],
      ["offer-1", "OfferMade", 7],
    ] as const) {
      const result = await h.client.appendToStream(name, jsonEvent({ type, data: { pad: "x".repeat(size) } }));
      appended.push(result.position!.commit);
    }
  });
  afterAll(() => shutdown(h));

  describe("when $all is read forwards and backwards", () => {
    it("then positions are bigint, strictly increasing, non-contiguous, and backwards is the exact reverse", async () => {
      const forwards = await collect(h.client.readAll());
      const backwards = await collect(h.client.readAll({ direction: BACKWARDS, fromPosition: END }));
      const positions = positionsOf(forwards);

      expect(forwards[0].event!.streamId).toBe("$epoch-information"); // a fresh node's own system event
      expect(positions.slice(-5)).toEqual(appended);
      for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1] + 1n);
      const gaps = new Set(positions.slice(1).map((p, i) => p - positions[i]));
      expect(gaps.size).toBeGreaterThan(1);
      expect(positionsOf(backwards)).toEqual([...positions].reverse());
      for (const e of forwards) expect(e.commitPosition).toBe(e.event!.position.commit);
    });

    it("then forwards from a position includes it, backwards from a position excludes it, and maxCount holds", async () => {
      const from: Position = { commit: appended[2], prepare: appended[2] };
      expect(positionsOf(await collect(h.client.readAll({ fromPosition: from, maxCount: 2 })))).toEqual(
        appended.slice(2, 4),
      );
      expect(
        positionsOf(await collect(h.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: 2 }))),
      ).toEqual([appended[1], appended[0]]);
    });

    it("then a position inside a record is refused like KurrentDB does, and one past the end reads nothing", async () => {
      const inside: Position = { commit: appended[2] + 1n, prepare: appended[2] + 1n };
      await expect(collect(h.client.readAll({ fromPosition: inside }))).rejects.toThrow("Trying to read from an invalid position.");
      const beyond = appended[appended.length - 1] + 10n ** 6n;
      expect(await collect(h.client.readAll({ fromPosition: { commit: beyond, prepare: beyond } }))).toEqual([]);
    });
  });

  // The 6.2.1 client cannot send a filter with readAll, so server-side filtering is
  // observed through subscribeToAll (catch-up part) — the way an adapter filters $all.
  describe("when $all is filtered on the server", () => {
    const caughtUp = (filter: Filter) =>
      record<AllStreamResolvedEvent>(h.client.subscribeToAll({ fromPosition: START, filter }), (_, done) => done);
    const streamsOf = (events: AllStreamResolvedEvent[]) => events.map((e) => `${e.event!.streamId}:${e.event!.type}`);

    it("then a stream-name prefix filter only returns those streams", async () => {
      expect(streamsOf(await caughtUp(streamNameFilter({ prefixes: ["offer-"] })))).toEqual([
        "offer-1:OfferMade",
        "offer-2:OfferWithdrawn",
        "offer-1:OfferMade",
      ]);
    });
    it("then event-type prefix and regex filters only return those types", async () => {
      expect(streamsOf(await caughtUp(eventTypeFilter({ prefixes: ["Tariff"] })))).toEqual([
        "tariff-1:TariffImposed",
        "tariff-2:TariffImposed",
      ]);
      expect(streamsOf(await caughtUp(eventTypeFilter({ regex: "^Offer(Withdrawn)$" })))).toEqual([
        "offer-2:OfferWithdrawn",
      ]);
    });
  });
});

describe("given a subscription to $all from the start", () => {
  let h: Harness;
  beforeAll(async () => (h = await start()));
  afterAll(() => shutdown(h));

  describe("when two writers append 500 events concurrently while it catches up", () => {
    it("then it delivers every event exactly once, in $all order, across the catch-up/live switch", async () => {
      const writers = ["writer-a", "writer-b"];
      const write = async (writer: string, from: number, to: number) => {
        for (let n = from; n < to; ) {
          const batch = Array.from({ length: Math.min(1 + (n % 4), to - n) }, (_, i) => offer(n + i));
          await h.client.appendToStream(writer, batch, { expectedRevision: n === 0 ? "no_stream" : BigInt(n - 1) });
          n += batch.length;
        }
      };
      await Promise.all(writers.map((writer) => write(writer, 0, 150))); // backlog to catch up on

      const mine = (e: AllStreamResolvedEvent) => writers.includes(e.event!.streamId);
      const subscription = h.client.subscribeToAll({ fromPosition: START });
      let caughtUp = false;
      subscription.once("caughtUp", () => (caughtUp = true));
      const received: AllStreamResolvedEvent[] = [];
      subscription.on("data", (e: AllStreamResolvedEvent) => received.push(e));
      await Promise.all(writers.map((writer) => write(writer, 150, 250))); // while catching up, then live
      await waitFor(() => received.filter(mine).length >= 500);

      const all = await collect(h.client.readAll());
      expect(positionsOf(received)).toEqual(positionsOf(all));
      for (const writer of writers) {
        const revisions = received.filter((e) => e.event!.streamId === writer).map((e) => e.event!.revision);
        expect(revisions).toEqual(Array.from({ length: 250 }, (_, i) => BigInt(i)));
      }
      expect(caughtUp).toBe(true);
      await subscription.unsubscribe();
      await waitFor(() => h.db.activeSubscriptions === 0);
    });
  });

  describe("when it is unsubscribed", () => {
    it("then the subscription ends cleanly, the server stops serving it and keeps serving others", async () => {
      const subscription = h.client.subscribeToAll({ fromPosition: END });
      const errors: unknown[] = [];
      subscription.on("error", (e) => errors.push(e));
      await new Promise((resolve) => subscription.once("confirmation", resolve));
      expect(h.db.activeSubscriptions).toBe(1);

      await subscription.unsubscribe();
      await waitFor(() => h.db.activeSubscriptions === 0);
      await h.client.appendToStream(stream("after"), offer(0));
      await expect(collect(h.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))).resolves.toHaveLength(1);
      expect(errors).toEqual([]);
    });
  });
});

describe("given a filtered subscription to $all with checkpoints", () => {
  let h: Harness;
  beforeAll(async () => (h = await start()));
  afterAll(() => shutdown(h));

  const noise = async (count: number) => {
    const positions: bigint[] = [];
    for (let i = 0; i < count; i++) positions.push((await h.client.appendToStream("noise", offer(i))).position!.commit);
    return positions;
  };

  describe("when mostly non-matching events are appended before and after it starts", () => {
    it("then checkpointReached fires during catch-up, when going live and while live events are skipped", async () => {
      const before = await noise(40);
      await h.client.appendToStream("match-1", offer(0));
      const checkpoints: bigint[] = [];
      const subscription = h.client.subscribeToAll({
        fromPosition: START,
        filter: streamNameFilter({
          prefixes: ["match-"],
          maxSearchWindow: 10,
          checkpointInterval: 2, // => a checkpoint every 2 × 10 considered events
          checkpointReached: (_, position) => void checkpoints.push(position.commit),
        }),
      });
      const events = record<AllStreamResolvedEvent>(subscription, (_, caughtUp) => caughtUp);
      expect((await events).map((e) => e.event!.streamId)).toEqual(["match-1"]);
      // 1 system event + 40 noise + 1 match considered: checkpoints after the 20th and 40th, then at the end.
      expect(checkpoints).toEqual([before[18], before[38], checkpoints[2]]);
      expect(checkpoints[2]).toBeGreaterThan(before[39]);

      const live = await noise(25); // live counting restarts after the caught-up checkpoint
      await waitFor(() => checkpoints.length === 4);
      expect(checkpoints[3]).toBe(live[19]);
      await subscription.unsubscribe();
    });
  });
});

describe("given commit positions beyond 2^53", () => {
  const big = 2n ** 53n + 1n;
  let h: Harness;
  beforeAll(async () => (h = await start({ initialPosition: big, systemEvents: false })));
  afterAll(() => shutdown(h));

  describe("when events are appended, read and subscribed to", () => {
    it("then every position round-trips exactly as a bigint", async () => {
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await h.client.appendToStream("big", offer(i)));
      const positions = results.map((r) => r.position!.commit);
      expect(positions[0]).toBe(big);
      expect(positions[0]).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));

      const all = await collect(h.client.readAll());
      expect(positionsOf(all)).toEqual(positions);
      const fromFirst: Position = { commit: positions[0], prepare: positions[0] };
      expect(positionsOf(await collect(h.client.readAll({ fromPosition: fromFirst })))).toEqual(positions);

      const subscription = h.client.subscribeToAll({ fromPosition: fromFirst }); // exclusive
      const checkpoints: bigint[] = [];
      const filtered = h.client.subscribeToAll({
        fromPosition: START,
        filter: eventTypeFilter({ prefixes: ["Nothing"], checkpointReached: (_, p) => void checkpoints.push(p.commit) }),
      });
      const received = await record<AllStreamResolvedEvent>(subscription, (events) => events.length === 2);
      expect(positionsOf(received)).toEqual(positions.slice(1));
      await waitFor(() => checkpoints.length === 1);
      expect(checkpoints).toEqual([positions[2]]);
      await Promise.all([subscription.unsubscribe(), filtered.unsubscribe()]);
    });
  });
});

describe("given a subscription to a single stream", () => {
  let h: Harness;
  beforeAll(async () => (h = await start()));
  afterAll(() => shutdown(h));

  describe("when the stream does not exist yet, or is subscribed from a revision", () => {
    it("then it waits for the first event, and a revision start is exclusive", async () => {
      const name = stream("deal");
      const fromStart = h.client.subscribeToStream(name, { fromRevision: START });
      const received = record<ResolvedEvent>(fromStart, (events) => events.length === 3);
      await new Promise((resolve) => fromStart.once("confirmation", resolve));
      await h.client.appendToStream(stream("other"), offer(0));
      await h.client.appendToStream(name, [offer(0), offer(1), offer(2)]);
      expect((await received).map((e) => e.event!.revision)).toEqual([0n, 1n, 2n]);

      const fromRevision = h.client.subscribeToStream(name, { fromRevision: 1n });
      const later = record<ResolvedEvent>(fromRevision, (events) => events.length === 2);
      await h.client.appendToStream(name, offer(3));
      expect((await later).map((e) => e.event!.revision)).toEqual([2n, 3n]);
      await Promise.all([fromStart.unsubscribe(), fromRevision.unsubscribe()]);
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
