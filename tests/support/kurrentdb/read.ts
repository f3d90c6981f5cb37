/**
 * `Streams.Read` (server streaming). Dispatches like KurrentDB on
 * (stream | $all) × (count | subscription) × direction × (filter | no_filter):
 * - stream reads: forwards/backwards from start/end/revision, `count` events,
 *   `stream_not_found` message when the stream does not exist;
 * - `$all` reads: forwards from a position (inclusive) or backwards from a
 *   position (exclusive), optionally filtered (then `count` counts matches);
 * - subscriptions are handed to {@link Subscription}.
 * Any other combination is rejected with INVALID_ARGUMENT. Links are never
 * resolved (the double never writes link events).
 *
 * Like the real server it also:
 * - rejects an `$all` position inside the log that is not a record boundary
 *   ("Trying to read from an invalid position.", `RpcExceptions.cs`); a position
 *   at or past the end is accepted;
 * - raises StreamDeleted for a stream that was hard-deleted (`exception:
 *   stream-deleted`, as `RpcExceptions.StreamDeleted`);
 * - can play a follower one write behind: reads without `requires-leader` then
 *   miss the latest write, while `requires-leader` reads are served current, and
 *   one `requires-leader` read can be answered NotLeader (leader-endpoint
 *   trailers) as during a failover, after which the client reconnects.
 */
import * as grpc from "@grpc/grpc-js";
import { ReadReq, ReadResp } from "@eventstore/db-client/generated/streams_pb";
import { compileFilter, InvalidFilterError, type EventFilter } from "./filter";
import type { InMemoryLog, LogRecord } from "./log";
import { eventResponse, streamName, streamNotFoundResponse, uuidFormat, type UuidFormat } from "./proto";
import { invalidArgument, rpcError, write, type ServerStream } from "./grpc-call";
import { Subscription } from "./subscription";

const Options = ReadReq.Options;
type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

export interface SubscriptionRegistry {
  /** Returns the function that forgets the subscription once it is over. */
  track(subscription: Subscription): () => void;
}

/** How the node answering reads behaves (mutable: tests switch it while the double runs). */
export interface ReadNode {
  /** Sends CaughtUp to subscriptions (KurrentDB 24.2 and later). */
  readonly caughtUp: boolean;
  /** A follower one write behind: reads without `requires-leader` miss the latest write. */
  laggingFollower: boolean;
  /** The next `requires-leader` read is answered NotLeader pointing at `leaderEndpoint`. */
  notLeaderOnce: boolean;
  leaderEndpoint?: { host: string; port: number };
  /** New subscriptions are answered UNAVAILABLE (a node not ready to serve yet). */
  refuseSubscriptions: boolean;
}

export function readHandler(log: InMemoryLog, registry: SubscriptionRegistry, node: ReadNode) {
  return (call: ReadCall): void => {
    let work: Promise<void>;
    try {
      work = dispatch(log, registry, call, node);
    } catch (error) {
      work = Promise.reject(error);
    }
    work.catch((error: unknown) => {
      const status =
        error instanceof InvalidRequest
          ? invalidArgument(error.message)
          : error instanceof ReadRefused
            ? error.status
            : rpcError(grpc.status.INTERNAL, String(error));
      if (!call.cancelled && !call.writableEnded) call.emit("error", status);
    });
  };
}

class InvalidRequest extends Error {}

class ReadRefused extends Error {
  constructor(readonly status: ReturnType<typeof rpcError>) {
    super(status.details);
  }
}

const INVALID_POSITION = "Trying to read from an invalid position.";

function dispatch(log: InMemoryLog, registry: SubscriptionRegistry, call: ReadCall, node: ReadNode): Promise<void> {
  const requiresLeader = call.metadata.get("requires-leader").some((value) => String(value) === "true");
  if (requiresLeader && node.notLeaderOnce && node.leaderEndpoint) {
    node.notLeaderOnce = false;
    throw new ReadRefused(
      rpcError(grpc.status.NOT_FOUND, "Leader info available", {
        exception: "not-leader",
        "leader-endpoint-host": node.leaderEndpoint.host,
        "leader-endpoint-port": String(node.leaderEndpoint.port),
      }),
    );
  }
  const visible = node.laggingFollower && !requiresLeader ? log.lengthOnLaggingFollower : Number.POSITIVE_INFINITY;
  const options = call.request.getOptions();
  if (!options) throw new InvalidRequest("read options are required");
  const uuid = uuidFormat(options);
  const subscription = options.getCountOptionCase() === Options.CountOptionCase.SUBSCRIPTION;
  const backwards = options.getReadDirection() === Options.ReadDirection.BACKWARDS;
  const filter = options.getFilterOptionCase() === Options.FilterOptionCase.FILTER ? toFilter(options) : undefined;
  const count = subscription ? 0n : BigInt(options.getCount());

  if (subscription && backwards) throw new InvalidRequest("subscriptions can only read forwards");
  if (subscription && node.refuseSubscriptions) throw new ReadRefused(rpcError(grpc.status.UNAVAILABLE, "Server is not ready"));
  const stream = options.getStream();
  const all = options.getAll();
  if (stream) {
    if (filter) throw new InvalidRequest("filters only apply to $all");
    if (subscription) return subscribe(call, registry, log, { ...streamSubscription(log, stream, uuid), caughtUp: node.caughtUp });
    return readStream(call, log, stream, backwards, count, uuid, visible);
  }
  if (all) {
    if (subscription) return subscribe(call, registry, log, { ...allSubscription(log, all, filter, uuid), caughtUp: node.caughtUp });
    return readAll(call, log, all, backwards, count, filter, uuid, visible);
  }
  throw new InvalidRequest("either a stream or $all must be read");
}

function toFilter(options: ReadReq.Options): EventFilter {
  try {
    return compileFilter(options.getFilter()!);
  } catch (error) {
    if (error instanceof InvalidFilterError) throw new InvalidRequest(error.message);
    throw error;
  }
}

async function readStream(
  call: ReadCall,
  log: InMemoryLog,
  options: ReadReq.Options.StreamOptions,
  backwards: boolean,
  count: bigint,
  uuid: UuidFormat,
  visible: number,
): Promise<void> {
  const name = streamName(options.getStreamIdentifier());
  if (log.isDeleted(name)) {
    throw new ReadRefused(rpcError(grpc.status.FAILED_PRECONDITION, `Event stream '${name}' is deleted.`, { exception: "stream-deleted", "stream-name": name }));
  }
  const cutoff = log.at(visible)?.position;
  const records = log.stream(name)?.filter((record) => cutoff === undefined || record.position < cutoff);
  if (!records || records.length === 0) {
    await write(call, streamNotFoundResponse(name));
    return void call.end();
  }
  const last = records.length - 1;
  const Revision = Options.StreamOptions.RevisionOptionCase;
  const requested = (): number => clampRevision(options.getRevision(), last + 1);
  let index: number;
  switch (options.getRevisionOptionCase()) {
    case Revision.START:
      index = 0;
      break;
    case Revision.END:
      index = backwards ? last : last + 1;
      break;
    case Revision.REVISION:
      index = backwards ? Math.min(requested(), last) : requested();
      break;
    default:
      throw new InvalidRequest("a stream revision option is required");
  }
  const step = backwards ? -1 : 1;
  const snapshot = records.slice(0, last + 1);
  await sendRecords(call, (i) => snapshot[i], index, step, count, undefined, uuid);
}

async function readAll(
  call: ReadCall,
  log: InMemoryLog,
  options: ReadReq.Options.AllOptions,
  backwards: boolean,
  count: bigint,
  filter: EventFilter | undefined,
  uuid: UuidFormat,
  visible: number,
): Promise<void> {
  const end = Math.min(log.length, visible);
  const Case = Options.AllOptions.AllOptionCase;
  let index: number;
  switch (options.getAllOptionCase()) {
    case Case.START:
      index = backwards ? -1 : 0;
      break;
    case Case.END:
      index = backwards ? end - 1 : end;
      break;
    case Case.POSITION: {
      const at = log.firstIndexAtOrAfter(readablePosition(log, options.getPosition()!));
      index = backwards ? at - 1 : at; // forwards is inclusive, backwards exclusive
      break;
    }
    default:
      throw new InvalidRequest("an $all position option is required");
  }
  const recordAt = (i: number) => (i < end ? log.at(i) : undefined);
  await sendRecords(call, recordAt, index, backwards ? -1 : 1, count, filter, uuid);
}

async function sendRecords(
  call: ServerStream<ReadResp>,
  recordAt: (index: number) => LogRecord | undefined,
  from: number,
  step: 1 | -1,
  count: bigint,
  filter: EventFilter | undefined,
  uuid: UuidFormat,
): Promise<void> {
  let sent = 0n;
  for (let i = from; i >= 0 && sent < count; i += step) {
    const record = recordAt(i);
    if (!record) break;
    if (filter && !filter.matches(record)) continue;
    if (!(await write(call, eventResponse(record, uuid)))) return;
    sent++;
  }
  call.end();
}

function streamSubscription(log: InMemoryLog, options: ReadReq.Options.StreamOptions, uuid: UuidFormat) {
  const name = streamName(options.getStreamIdentifier());
  const Revision = Options.StreamOptions.RevisionOptionCase;
  let cursor: number;
  switch (options.getRevisionOptionCase()) {
    case Revision.START:
      cursor = 0;
      break;
    case Revision.END:
      cursor = log.lastRevision(name) + 1;
      break;
    case Revision.REVISION: // exclusive: the client passes the last revision it has seen
      cursor = clampRevision(options.getRevision(), Number.MAX_SAFE_INTEGER - 1) + 1;
      break;
    default:
      throw new InvalidRequest("a stream revision option is required");
  }
  return { recordAt: (i: number) => log.stream(name)?.[i], cursor, uuid };
}

function allSubscription(
  log: InMemoryLog,
  options: ReadReq.Options.AllOptions,
  filter: EventFilter | undefined,
  uuid: UuidFormat,
) {
  const Case = Options.AllOptions.AllOptionCase;
  let cursor: number;
  switch (options.getAllOptionCase()) {
    case Case.START:
      cursor = 0;
      break;
    case Case.END:
      cursor = log.length;
      break;
    case Case.POSITION: // exclusive: the client passes the last position it has seen
      cursor = log.firstIndexAfter(readablePosition(log, options.getPosition()!));
      break;
    default:
      throw new InvalidRequest("an $all position option is required");
  }
  return { recordAt: (i: number) => log.at(i), cursor, filter, uuid };
}

function subscribe(
  call: ReadCall,
  registry: SubscriptionRegistry,
  log: InMemoryLog,
  spec: ConstructorParameters<typeof Subscription>[2],
): Promise<void> {
  const subscription = new Subscription(call, log, spec);
  const untrack = registry.track(subscription);
  return subscription.run().finally(untrack);
}

function readablePosition(log: InMemoryLog, position: ReadReq.Options.Position): bigint {
  const commit = commitPosition(position);
  if (!log.isReadablePosition(commit)) throw new InvalidRequest(INVALID_POSITION);
  return commit;
}

function commitPosition(position: ReadReq.Options.Position): bigint {
  const commit = BigInt(position.getCommitPosition());
  const prepare = BigInt(position.getPreparePosition());
  if (commit < prepare) throw new InvalidRequest("commit position must be >= prepare position");
  return commit;
}

/** A uint64 revision as an array index, saturated at `max`. */
function clampRevision(revision: string, max: number): number {
  const value = BigInt(revision);
  return value > BigInt(max) ? max : Number(value);
}
