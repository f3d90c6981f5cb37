/** Small helpers around grpc-js server calls: backpressure-aware writes and KurrentDB-style errors. */
import * as grpc from "@grpc/grpc-js";

export type ServerStream<T> = grpc.ServerWritableStream<unknown, T>;

/** True once the client went away (cancelled, deadline, or the call is otherwise over). */
export function isGone(call: ServerStream<unknown>): boolean {
  return call.cancelled || call.destroyed || call.writableEnded;
}

/**
 * Writes one message and, when grpc-js' buffer is full, waits for it to drain so a
 * slow client never makes the server buffer the whole log. Resolves false if the
 * call ended (e.g. the client cancelled) instead.
 */
export function write<T>(call: ServerStream<T>, message: T): Promise<boolean> {
  if (isGone(call)) return Promise.resolve(false);
  if (call.write(message)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      call.off("drain", onDrain);
      call.off("cancelled", onGone);
      call.off("close", onGone);
      call.off("error", onGone);
      resolve(ok);
    };
    const onDrain = done(true);
    const onGone = done(false);
    call.once("drain", onDrain);
    call.once("cancelled", onGone);
    call.once("close", onGone);
    call.once("error", onGone);
  });
}

/** A gRPC status error carrying the trailers the client maps to its typed errors. */
export function rpcError(
  code: grpc.status,
  details: string,
  trailers: Record<string, string> = {},
): Partial<grpc.StatusObject> & { code: grpc.status; details: string } {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
}

export const invalidArgument = (details: string) =>
  rpcError(grpc.status.INVALID_ARGUMENT, details);

/**
 * What a node shutting down gracefully ends its streaming calls with: CANCELLED
 * with server-side details (the client treats only "Cancelled on client" as its
 * own cancellation and turns this one into CancelledError).
 */
export const SERVER_CANCELLED = rpcError(grpc.status.CANCELLED, "Call cancelled by the server: the node is shutting down");
