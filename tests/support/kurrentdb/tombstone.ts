/**
 * `Streams.Tombstone` (unary): a hard delete. The log writes the `$streamDeleted`
 * record; a wrong expected revision is refused with the `wrong-expected-version`
 * trailers the client reads, a stream already deleted with `stream-deleted`.
 */
import * as grpc from "@grpc/grpc-js";
import { TombstoneReq, TombstoneResp } from "@eventstore/db-client/generated/streams_pb";
import type { InMemoryLog } from "./log";
import { expectedRevisionOf, streamName } from "./proto";
import { invalidArgument, rpcError } from "./grpc-call";


export function tombstoneHandler(log: InMemoryLog) {
  return (call: grpc.ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: grpc.sendUnaryData<TombstoneResp>): void => {
    const options = call.request.getOptions();
    const stream = streamName(options?.getStreamIdentifier());
    if (!options || !stream) return callback(invalidArgument("stream name must not be empty"));
    const expected = expectedRevisionOf(options, options.hasRevision() ? options.getRevision() : undefined);
    if (!expected) return callback(invalidArgument("an expected stream revision is required"));
    const outcome = log.tombstone(stream, expected);
    if (outcome.ok) {
      const position = outcome.position!.toString(10);
      return callback(null, new TombstoneResp().setPosition(new TombstoneResp.Position().setCommitPosition(position).setPreparePosition(position)));
    }
    if (outcome.deleted) return callback(rpcError(grpc.status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: "stream-deleted", "stream-name": stream }));
    const trailers: Record<string, string> = {
      exception: "wrong-expected-version",
      "stream-name": stream,
      "expected-version": expected.kind === "exact" ? expected.revision.toString(10) : expected.kind === "no_stream" ? "-1" : expected.kind === "any" ? "-2" : "-4",
    };
    if (outcome.currentRevision >= 0) trailers["actual-version"] = String(outcome.currentRevision);
    return callback(rpcError(grpc.status.FAILED_PRECONDITION, "Wrong expected version.", trailers));
  };
}

