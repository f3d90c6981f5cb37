/**
 * Catch-up subscriptions (`Streams.Read` with the `subscription` count option),
 * to one stream or to `$all`, with KurrentDB's message sequence:
 *   confirmation → catch-up events → [checkpoint] → caught_up → live events...
 *
 * Catch-up and live are the same cursor walking the same in-memory log, so the
 * switch to live can neither skip nor repeat an event: when the cursor reaches the
 * end of the log the subscription parks until the next append wakes it up.
 *
 * Servers before 24.2 never send caught_up (`Streams.Read.cs` has no CaughtUp in
 * oss-v23.10.0, has it from oss-v24.2.0): with `caughtUp: false` the subscription
 * goes live silently, as they do.
 *
 * Filtered `$all` subscriptions also emit `checkpoint` messages like the server:
 * every `checkpointIntervalMultiplier × maxSearchWindow` considered events (matching
 * or not), and once at the end of catch-up; never twice for the same position.
 */
import { randomUUID } from "node:crypto";
import type { ReadResp } from "@eventstore/db-client/generated/streams_pb";
import type { EventFilter } from "./filter";
import type { InMemoryLog, LogRecord } from "./log";
import { caughtUpResponse, checkpointResponse, confirmationResponse, eventResponse, type UuidFormat } from "./proto";
import { isGone, SERVER_CANCELLED, write, type ServerStream } from "./grpc-call";

export interface SubscriptionSpec {
  /** The record the cursor points at, or undefined past the end (of the stream or `$all`). */
  readonly recordAt: (index: number) => LogRecord | undefined;
  /** Index of the first record to send. */
  readonly cursor: number;
  /** Only for filtered `$all` subscriptions. */
  readonly filter?: EventFilter;
  readonly uuid: UuidFormat;
  /** Send caught_up when going live (KurrentDB 24.2 and later). */
  readonly caughtUp: boolean;
}

export class Subscription {
  readonly id = randomUUID();
  private cursor: number;
  private stopped = false;
  private wake?: () => void;
  private consideredSinceCheckpoint = 0;
  private lastConsidered?: bigint;
  private lastCheckpoint?: bigint;

  constructor(
    private readonly call: ServerStream<ReadResp>,
    private readonly log: InMemoryLog,
    private readonly spec: SubscriptionSpec,
  ) {
    this.cursor = spec.cursor;
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** Ends the call with gRPC CANCELLED, as a node shutting down does (`GrpcStreamingShutdownMiddleware.cs`). */
  cancelByServer(): void {
    if (!isGone(this.call)) this.call.emit("error", SERVER_CANCELLED);
    this.stop();
  }

  async run(): Promise<void> {
    const unsubscribe = this.log.onAppend(() => this.wake?.());
    const onGone = () => this.stop();
    this.call.on("cancelled", onGone);
    this.call.on("close", onGone);
    try {
      await this.pump();
    } finally {
      unsubscribe();
      this.call.off("cancelled", onGone);
      this.call.off("close", onGone);
      if (!isGone(this.call)) this.call.end();
    }
  }

  private async pump(): Promise<void> {
    if (!(await this.send(confirmationResponse(this.id)))) return;
    let live = false;
    while (!this.stopped) {
      const record = this.spec.recordAt(this.cursor);
      if (record) {
        this.cursor++;
        if (!(await this.consider(record))) return;
        continue;
      }
      if (!live) {
        if (this.lastConsidered !== undefined && !(await this.checkpoint(this.lastConsidered))) return;
        if (this.spec.caughtUp && !(await this.send(caughtUpResponse()))) return;
        live = true;
      }
      await this.nextAppend();
    }
  }

  private async consider(record: LogRecord): Promise<boolean> {
    const filter = this.spec.filter;
    if (!filter) return this.send(eventResponse(record, this.spec.uuid));
    if (filter.matches(record) && !(await this.send(eventResponse(record, this.spec.uuid)))) return false;
    this.lastConsidered = record.position;
    if (++this.consideredSinceCheckpoint < filter.checkpointInterval) return true;
    return this.checkpoint(record.position);
  }

  private async checkpoint(position: bigint): Promise<boolean> {
    this.consideredSinceCheckpoint = 0;
    if (this.lastCheckpoint !== undefined && position <= this.lastCheckpoint) return true;
    this.lastCheckpoint = position;
    return this.send(checkpointResponse(position));
  }

  private async send(message: ReadResp): Promise<boolean> {
    return !this.stopped && (await write(this.call, message));
  }

  private nextAppend(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
      if (this.stopped || this.spec.recordAt(this.cursor)) this.wake();
    });
  }
}
