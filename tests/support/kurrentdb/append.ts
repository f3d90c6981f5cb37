/**
 * `Streams.Append` (client streaming): first message = options (stream + expected
 * revision), then one message per proposed event. Replies with `success`
 * (current revision + position) or `wrong_expected_version` (as a response
 * message, not a gRPC error, exactly like KurrentDB).
 */
import * as grpc from "@grpc/grpc-js";
import { AppendReq, AppendResp } from "@eventstore/db-client/generated/streams_pb";
import type { InMemoryLog, ProposedEvent } from "./log";
import { CONTENT_TYPE_JSON, empty, expectedRevisionOf, streamName, uuidToString } from "./proto";
import { invalidArgument, rpcError } from "./grpc-call";


export interface AppendSettings {
  /** KurrentDB's MaxAppendSize (default 1 MiB): total size of one append's events. */
  readonly maxAppendSize: number;
}

type AppendCall = grpc.ServerReadableStream<AppendReq, AppendResp>;

export function appendHandler(log: InMemoryLog, settings: AppendSettings) {
  return (call: AppendCall, callback: grpc.sendUnaryData<AppendResp>): void => {
    const messages: AppendReq[] = [];
    call.on("data", (message: AppendReq) => messages.push(message));
    call.on("error", () => undefined);
    call.on("end", () => {
      try {
        callback(null, append(log, settings, messages));
      } catch (error) {
        callback(error instanceof AppendError ? error.status : rpcError(grpc.status.INTERNAL, String(error)));
      }
    });
  };
}

class AppendError extends Error {
  constructor(readonly status: ReturnType<typeof rpcError>) {
    super(status.details);
  }
}

function append(log: InMemoryLog, settings: AppendSettings, messages: AppendReq[]): AppendResp {
  const [first, ...rest] = messages;
  const options = first?.getOptions();
  if (!options) throw new AppendError(invalidArgument("the first append message must carry the options"));
  const stream = streamName(options.getStreamIdentifier());
  if (!stream) throw new AppendError(invalidArgument("stream name must not be empty"));

  const expected =
    expectedRevisionOf(options, options.hasRevision() ? options.getRevision() : undefined) ??
    missing("an expected stream revision is required");
  let events: ProposedEvent[];
  try {
    events = proposedEvents(rest.map((message) => message.getProposedMessage() ?? missingProposal()), settings);
  } catch (error) {
    if (!(error instanceof ProposalError)) throw error;
    if (error.kind === "invalid") throw new AppendError(invalidArgument(error.message));
    throw new AppendError(
      rpcError(grpc.status.INVALID_ARGUMENT, error.message, {
        exception: error.kind,
        [error.kind === "maximum-append-size-exceeded" ? "maximum-append-size" : "required-metadata-properties"]: error.detail,
      }),
    );
  }
  const outcome = log.append(stream, expected, events);
  if (!outcome.ok && outcome.deleted) {
    throw new AppendError(rpcError(grpc.status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: "stream-deleted", "stream-name": stream }));
  }
  const response = new AppendResp();

  if (outcome.ok) {
    const success = new AppendResp.Success();
    if (outcome.currentRevision < 0) success.setNoStream(empty());
    else success.setCurrentRevision(String(outcome.currentRevision));
    if (outcome.position === undefined) success.setNoPosition(empty());
    else {
      const position = outcome.position.toString(10);
      success.setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
    }
    return response.setSuccess(success);
  }

  // Both the current and the legacy (20.6.0) fields, as KurrentDB fills them.
  const wrong = new AppendResp.WrongExpectedVersion();
  switch (expected.kind) {
    case "any":
      wrong.setExpectedAny(empty()).setAny2060(empty());
      break;
    case "stream_exists":
      wrong.setExpectedStreamExists(empty()).setStreamExists2060(empty());
      break;
    case "no_stream":
      // The server also sets expected_revision_20_6_0 = ulong.MaxValue here, which a JS number cannot carry.
      wrong.setExpectedNoStream(empty());
      break;
    case "exact":
      wrong.setExpectedRevision(expected.revision.toString(10));
      wrong.setExpectedRevision2060(Number(expected.revision));
      break;
  }
  if (outcome.currentRevision < 0) wrong.setCurrentNoStream(empty()).setNoStream2060(empty());
  else wrong.setCurrentRevision(String(outcome.currentRevision)).setCurrentRevision2060(outcome.currentRevision);
  return response.setWrongExpectedVersion(wrong);
}

function missingProposal(): never {
  throw new ProposalError("invalid", "expected a proposed message");
}

function missing(what: string): never {
  throw new AppendError(invalidArgument(what));
}

/** What both append RPCs carry per event (AppendReq and BatchAppendReq proposed messages). */
export interface ProposedMessageLike {
  getMetadataMap(): { get(key: string): string | undefined };
  getId(): import("@eventstore/db-client/generated/shared_pb").UUID | undefined;
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** A proposed write the server refuses before it reaches the log. */
export class ProposalError extends Error {
  constructor(
    readonly kind: "maximum-append-size-exceeded" | "missing-required-metadata-property" | "invalid",
    message: string,
    readonly detail = "",
  ) {
    super(message);
  }
}

/** Proposed messages as log events, refusing a missing type/content-type or a write over MaxAppendSize. */
export function proposedEvents(messages: readonly ProposedMessageLike[], settings: AppendSettings): ProposedEvent[] {
  let size = 0;
  return messages.map((proposed) => {
    const metadata = proposed.getMetadataMap();
    const type = metadata.get("type");
    const contentType = metadata.get("content-type");
    for (const [key, value] of [["type", type], ["content-type", contentType]] as const) {
      if (value === undefined) throw new ProposalError("missing-required-metadata-property", `Required metadata property ${key} is missing`, key);
    }
    const event: ProposedEvent = {
      id: eventId(proposed),
      type: type!,
      isJson: contentType === CONTENT_TYPE_JSON,
      data: Uint8Array.from(proposed.getData_asU8()),
      metadata: Uint8Array.from(proposed.getCustomMetadata_asU8()),
    };
    size += event.data.length + event.metadata.length + Buffer.byteLength(event.type, "utf8");
    if (size > settings.maxAppendSize) {
      throw new ProposalError("maximum-append-size-exceeded", `Maximum Append Size of ${settings.maxAppendSize} Exceeded.`, String(settings.maxAppendSize));
    }
    return event;
  });
}

function eventId(proposed: ProposedMessageLike): string {
  try {
    return uuidToString(proposed.getId());
  } catch (error) {
    throw new ProposalError("invalid", `invalid event id: ${(error as Error).message}`);
  }
}
