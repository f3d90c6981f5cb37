/**
 * An in-process gRPC server speaking enough of the KurrentDB client protocol for
 * `@eventstore/db-client` to run against it in tests (no Docker/.NET needed):
 * ServerFeatures.GetSupportedMethods, Streams.Append and Streams.Read (reads and
 * catch-up subscriptions). Every other method answers UNIMPLEMENTED.
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
import { InMemoryLog } from "./log";
import { readHandler } from "./read";
import { serverFeaturesHandler } from "./server-features";
import { seedSystemEvents } from "./system-events";
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
  /** KurrentDB's MaxAppendSize in bytes (default 1 MiB). */
  readonly maxAppendSize?: number;
  /** Reported by GetSupportedMethods (default "24.10.0"). */
  readonly serverVersion?: string;
}

export interface InProcessKurrentDB {
  readonly connectionString: string;
  /** Subscriptions the server is still serving (lets tests see that cancellation reached it). */
  readonly activeSubscriptions: number;
  stop(): Promise<void>;
}

const MAX_MESSAGE_LENGTH = 17 * 1024 * 1024;

export async function startInProcessKurrentDB(options: InProcessKurrentDBOptions = {}): Promise<InProcessKurrentDB> {
  const log = new InMemoryLog(options.initialPosition ?? 2n ** 32n);
  if (options.systemEvents ?? true) seedSystemEvents(log);

  const subscriptions = new Set<Subscription>();
  const server = new grpc.Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_LENGTH,
    "grpc.max_send_message_length": MAX_MESSAGE_LENGTH,
  });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: serverFeaturesHandler(options.serverVersion ?? "24.10.0"),
  });
  // Missing handlers (delete, tombstone, batchAppend) are answered UNIMPLEMENTED by grpc-js.
  server.addService(StreamsService, {
    append: appendHandler(log, { maxAppendSize: options.maxAppendSize ?? 1024 * 1024 }),
    read: readHandler(log, {
      track(subscription) {
        subscriptions.add(subscription);
        return () => subscriptions.delete(subscription);
      },
    }),
  } as grpc.UntypedServiceImplementation);

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
      error ? reject(error) : resolve(boundPort),
    ),
  );

  let stopped: Promise<void> | undefined;
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    get activeSubscriptions() {
      return subscriptions.size;
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        for (const subscription of subscriptions) subscription.stop();
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 1_000).unref();
      });
      return stopped;
    },
  };
}
