/**
 * `Streams.BatchAppend` (bidirectional streaming), the path @eventstore/db-client
 * 6.2.1 takes for EVERY append once the server lists it in ServerFeatures
 * (`appendToStream/index.js`): one long-lived call per client carries many
 * writes, told apart by correlation id. The first message of a write carries
 * the options (stream, expected revision, deadline), `is_final` ends it.
 *
 * Replies follow KurrentDB's `Streams.BatchAppend.cs`: success carries the last
 * revision and the commit/prepare position; every failure is a
 * `google.rpc.Status` inside the response (not a gRPC error) whose `details`
 * packs the typed reason (`Status.cs`): WrongExpectedVersion (ALREADY_EXISTS),
 * StreamDeleted (NOT_FOUND), MaximumAppendSizeExceeded (INVALID_ARGUMENT),
 * Timeout (DEADLINE_EXCEEDED, when the write's deadline has already passed),
 * BadRequest (INVALID_ARGUMENT) for a malformed proposal.
 */
import * as grpc from "@grpc/grpc-js";
import { BatchAppendReq, BatchAppendResp } from "@eventstore/db-client/generated/streams_pb";
import {
  AllStreamPosition,
  BadRequest,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  Timeout,
  WrongExpectedVersion,
} from "@eventstore/db-client/generated/shared_pb";
import { Status } from "@eventstore/db-client/generated/status_pb";
import { Code } from "@eventstore/db-client/generated/code_pb";
import { proposedEvents, ProposalError, type AppendSettings } from "./append";
import type { ExpectedRevision, InMemoryLog, ProposedEvent } from "./log";
import { empty, expectedRevisionOf, streamIdentifier, streamName, uuidToString } from "./proto";

type BatchAppendCall = grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>;
type Details = NonNullable<ReturnType<Status["getDetails"]>>;

/**
 * google.protobuf.Any, taken from a Status decoded with an empty `details`
 * (field 3): the instance comes from the client's own google-protobuf, so the
 * double needs no protobuf package of its own.
 */
const AnyMessage = Status.deserializeBinary(Uint8Array.of(0x1a, 0x00)).getDetails()!.constructor as new () => Details;

function status(code: Code, message: string, details: { serializeBinary(): Uint8Array }, typeName: string): Status {
  const any = new AnyMessage();
  any.pack(details.serializeBinary(), `event_store.client.${typeName}`);
  return new Status().setCode(code).setMessage(message).setDetails(any);
}

interface PendingWrite {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly proposals: BatchAppendReq.ProposedMessage[];
}

export interface BatchAppendCalls {
  /** Returns the function that forgets the call once it is over. */
  track(call: BatchAppendCall): () => void;
}

export function batchAppendHandler(log: InMemoryLog, settings: AppendSettings, calls: BatchAppendCalls) {
  return (call: BatchAppendCall): void => {
    const untrack = calls.track(call);
    const pending = new Map<string, PendingWrite>();
    call.on("data", (request: BatchAppendReq) => {
      const response = receive(log, settings, pending, request);
      if (response && !call.cancelled && !call.writableEnded) call.write(response);
    });
    call.on("error", () => untrack());
    call.on("cancelled", () => untrack());
    call.on("end", () => {
      untrack();
      if (!call.cancelled && !call.writableEnded) call.end();
    });
  };
}

function receive(log: InMemoryLog, settings: AppendSettings, pending: Map<string, PendingWrite>, request: BatchAppendReq): BatchAppendResp | undefined {
  const correlationId = request.getCorrelationId();
  const key = uuidToString(correlationId);
  const reply = (stream: string) =>
    new BatchAppendResp().setCorrelationId(correlationId).setStreamIdentifier(streamIdentifier(stream));

  const options = request.getOptions();
  if (options) {
    const stream = streamName(options.getStreamIdentifier());
    if (!stream) return reply("").setError(status(Code.INVALID_ARGUMENT, "BadRequest", new BadRequest().setMessage("Required field StreamIdentifier not set."), "BadRequest"));
    const deadline = options.getDeadline();
    if (deadline && deadline.toDate().getTime() <= Date.now()) return reply(stream).setError(status(Code.DEADLINE_EXCEEDED, "Timeout", new Timeout(), "Timeout"));
    const expected = expectedRevisionOf(options, options.hasStreamPosition() ? options.getStreamPosition() : undefined);
    if (!expected) return reply(stream).setError(status(Code.INVALID_ARGUMENT, "BadRequest", new BadRequest().setMessage("an expected stream position is required"), "BadRequest"));
    if (!pending.has(key)) pending.set(key, { stream, expected, proposals: [] });
  }
  const write = pending.get(key);
  if (!write) return undefined; // a write already refused (or never opened): the server ignores its remaining messages
  write.proposals.push(...request.getProposedMessagesList());
  if (!request.getIsFinal()) return undefined;
  pending.delete(key);

  let events: ProposedEvent[];
  try {
    events = proposedEvents(write.proposals, settings);
  } catch (error) {
    if (!(error instanceof ProposalError)) throw error;
    if (error.kind === "maximum-append-size-exceeded") {
      return reply(write.stream).setError(
        status(Code.INVALID_ARGUMENT, "MaximumAppendSizeExceeded", new MaximumAppendSizeExceeded().setMaxappendsize(settings.maxAppendSize), "MaximumAppendSizeExceeded"),
      );
    }
    return reply(write.stream).setError(status(Code.INVALID_ARGUMENT, "BadRequest", new BadRequest().setMessage(error.message), "BadRequest"));
  }

  const outcome = log.append(write.stream, write.expected, events);
  const response = reply(write.stream);
  setExpected(response, write.expected);
  if (outcome.ok) {
    const success = new BatchAppendResp.Success();
    if (outcome.currentRevision < 0) success.setNoStream(empty());
    else success.setCurrentRevision(String(outcome.currentRevision));
    if (outcome.position === undefined) success.setNoPosition(empty());
    else {
      const position = outcome.position.toString(10);
      success.setPosition(new AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
    }
    return response.setSuccess(success);
  }
  if (outcome.deleted) {
    return response.setError(
      status(Code.NOT_FOUND, "StreamDeleted", new StreamDeleted().setStreamIdentifier(streamIdentifier(write.stream)), "StreamDeleted"),
    );
  }
  const wrong = new WrongExpectedVersion();
  if (outcome.currentRevision < 0) wrong.setCurrentNoStream(empty());
  else wrong.setCurrentStreamRevision(String(outcome.currentRevision));
  switch (write.expected.kind) {
    case "any":
      wrong.setExpectedAny(empty());
      break;
    case "no_stream":
      wrong.setExpectedNoStream(empty());
      break;
    case "stream_exists":
      wrong.setExpectedStreamExists(empty());
      break;
    case "exact":
      wrong.setExpectedStreamPosition(write.expected.revision.toString(10));
      break;
  }
  return response.setError(status(Code.ALREADY_EXISTS, "WrongExpectedVersion", wrong, "WrongExpectedVersion"));
}


function setExpected(response: BatchAppendResp, expected: ExpectedRevision): void {
  switch (expected.kind) {
    case "any":
      response.setAny(empty());
      break;
    case "no_stream":
      response.setNoStream(empty());
      break;
    case "stream_exists":
      response.setStreamExists(empty());
      break;
    case "exact":
      response.setStreamPosition(expected.revision.toString(10));
      break;
  }
}
