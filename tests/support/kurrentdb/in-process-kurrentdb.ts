/**
 * An in-process gRPC server speaking enough of the KurrentDB client protocol for
 * `@eventstore/db-client` to run against it in tests (no Docker/.NET needed):
 * ServerFeatures.GetSupportedMethods, Streams.BatchAppend (what the client uses
 * for every append), Streams.Append (its fallback), Streams.Tombstone and
 * Streams.Read (reads and catch-up subscriptions). Every other method answers
 * UNIMPLEMENTED. It can also restart, cancel its streaming calls, lag as a
 * follower and answer NotLeader, so the adapter's recovery paths run in tests.
 *
 *   const db = await startInProcessKurrentDB();
 *   const client = EventStoreDBClient.connectionString(db.connectionString);
 *   ...
 *   await client.dispose(); await db.stop();
 */
import * as grpc from "@grpc/grpc-js";
import { StreamsService } from "@eventstore/db-client/generated/streams_grpc_pb";
import { ServerFeaturesService } from "@eventstore/db-client/generated/serverfeatures_grpc_pb";
import { appendHandler } from "./append";
import { batchAppendHandler } from "./batch-append";
import { SERVER_CANCELLED } from "./grpc-call";
import { InMemoryLog } from "./log";
import { readHandler, type ReadNode } from "./read";
import { serverFeaturesHandler } from "./server-features";
import { seedSystemEvents } from "./system-events";
import { tombstoneHandler } from "./tombstone";
import type { Subscription } from "./subscription";

export interface InProcessKurrentDBOptions {
  /**
   * Commit position of the first record in `$all` (default 2^32). Pass a value
   * above 2^53 to prove that nothing handles positions as JS numbers.
   */
  readonly initialPosition?: bigint;
  /**
   * Start the log with the system events a fresh KurrentDB node writes before any
   * user event (default true), so consumers of `$all` must cope with them.
   */
  readonly systemEvents?: boolean;
  /** Entries of the weak idempotency check's cache of committed ids (the server's is 8 MiB; default 65 536). */
  readonly committedIdsCacheSize?: number;
  /** KurrentDB's MaxAppendSize in bytes (default 1 MiB). */
  readonly maxAppendSize?: number;
  /**
   * Reported by GetSupportedMethods (default "24.10.0"). Below 24.2 the double
   * behaves like those servers: subscriptions never send CaughtUp.
   */
  readonly serverVersion?: string;
}

export interface InProcessKurrentDB {
  readonly connectionString: string;
  /** Subscriptions the server is still serving (lets tests see that cancellation reached it). */
  readonly activeSubscriptions: number;
  /**
   * A graceful node shutdown and start again on the same port, with the same log:
   * every streaming call (subscriptions, BatchAppend) ends with gRPC CANCELLED
   * first (`GrpcStreamingShutdownMiddleware.cs`), then the port stops answering
   * (clients see UNAVAILABLE) until the node is back. Like a real node it comes
   * back with an empty cache of committed ids (the weak idempotency check's).
   */
  restart(): Promise<void>;
  /** Ends every streaming call with gRPC CANCELLED, as a node shutting down does, and keeps serving. */
  cancelStreamingCalls(): void;
  /** Reads without `requires-leader` miss the latest write, as on a follower one write behind. */
  setLaggingFollower(lagging: boolean): void;
  /** The next `requires-leader` read is answered NotLeader (pointing back at this node), as during a failover. */
  answerNextLeaderReadWithNotLeader(): void;
  /** While true, new subscriptions are answered UNAVAILABLE, so a client cannot get back to live. */
  refuseSubscriptions(refuse: boolean): void;
  /** Writes received per RPC: which append path the client took. */
  readonly writes: { readonly append: number; readonly batchAppend: number };
  stop(): Promise<void>;
}

const MAX_MESSAGE_LENGTH = 17 * 1024 * 1024;

/** "24.10.0" or "23.10.1.1234" → [major, minor]. */
const versionOf = (version: string): [number, number] => {
  const [major = 0, minor = 0] = version.split(".").map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor];
};

export async function startInProcessKurrentDB(options: InProcessKurrentDBOptions = {}): Promise<InProcessKurrentDB> {
  const log = new InMemoryLog(options.initialPosition ?? 2n ** 32n, options.committedIdsCacheSize);
  if (options.systemEvents ?? true) seedSystemEvents(log);
  const serverVersion = options.serverVersion ?? "24.10.0";
  const [major, minor] = versionOf(serverVersion);
  const node: ReadNode = {
    caughtUp: major > 24 || (major === 24 && minor >= 2),
    laggingFollower: false,
    notLeaderOnce: false,
    refuseSubscriptions: false,
  };
  const writes = { append: 0, batchAppend: 0 };
  const counted = (rpc: keyof typeof writes, log: InMemoryLog): InMemoryLog =>
    Object.assign(Object.create(log) as InMemoryLog, {
      append: (...args: Parameters<InMemoryLog["append"]>) => {
        writes[rpc]++;
        return log.append(...args);
      },
    });
  const appendSettings = { maxAppendSize: options.maxAppendSize ?? 1024 * 1024 };

  const subscriptions = new Set<Subscription>();
  const batchAppends = new Set<grpc.ServerDuplexStream<unknown, unknown>>();
  const serve = async (port: number): Promise<{ server: grpc.Server; port: number }> => {
    const server = new grpc.Server({
      "grpc.max_receive_message_length": MAX_MESSAGE_LENGTH,
      "grpc.max_send_message_length": MAX_MESSAGE_LENGTH,
    });
    server.addService(ServerFeaturesService, {
      getSupportedMethods: serverFeaturesHandler(serverVersion),
    });
    // Missing handlers (delete, persistent subscriptions...) are answered UNIMPLEMENTED by grpc-js.
    server.addService(StreamsService, {
      append: appendHandler(counted("append", log), appendSettings),
      batchAppend: batchAppendHandler(counted("batchAppend", log), appendSettings, {
        track(call) {
          batchAppends.add(call as grpc.ServerDuplexStream<unknown, unknown>);
          return () => batchAppends.delete(call as grpc.ServerDuplexStream<unknown, unknown>);
        },
      }),
      tombstone: tombstoneHandler(log),
      read: readHandler(
        log,
        {
          track(subscription) {
            subscriptions.add(subscription);
            return () => subscriptions.delete(subscription);
          },
        },
        node,
      ),
    } as grpc.UntypedServiceImplementation);
    const bound = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
        error ? reject(error) : resolve(boundPort),
      ),
    );
    return { server, port: bound };
  };

  let current = await serve(0);
  const port = current.port;
  node.leaderEndpoint = { host: "127.0.0.1", port };

  const cancelStreamingCalls = () => {
    for (const subscription of [...subscriptions]) subscription.cancelByServer();
    for (const call of [...batchAppends]) {
      if (!call.cancelled && !call.writableEnded) call.emit("error", SERVER_CANCELLED);
    }
    batchAppends.clear();
  };
  const shutDown = (server: grpc.Server) =>
    new Promise<void>((resolve) => {
      server.tryShutdown(() => resolve());
      setTimeout(() => server.forceShutdown(), 1_000).unref();
    });

  let stopped: Promise<void> | undefined;
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    get activeSubscriptions() {
      return subscriptions.size;
    },
    cancelStreamingCalls,
    async restart() {
      cancelStreamingCalls();
      current.server.forceShutdown();
      log.forgetCommittedIds();
      current = await serve(port);
    },
    setLaggingFollower(lagging) {
      node.laggingFollower = lagging;
    },
    answerNextLeaderReadWithNotLeader() {
      node.notLeaderOnce = true;
    },
    refuseSubscriptions(refuse) {
      node.refuseSubscriptions = refuse;
    },
    writes,
    stop() {
      stopped ??= (async () => {
        for (const subscription of subscriptions) subscription.stop();
        await shutDown(current.server);
      })();
      return stopped;
    },
  };
}
