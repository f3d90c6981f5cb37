/**
 * `Streams.Append` (client streaming): first message = options (stream + expected
 * revision), then one message per proposed event. Replies with `success`
 * (current revision + position) or `wrong_expected_version` (as a response
 * message, not a gRPC error, exactly like KurrentDB).
 */
import * as grpc from "@grpc/grpc-js";
import { AppendReq, AppendResp } from "@eventstore/db-client/generated/streams_pb";
import type { ExpectedRevision, InMemoryLog, ProposedEvent } from "./log";
import { CONTENT_TYPE_JSON, empty, streamName, uuidToString } from "./proto";
import { invalidArgument, rpcError } from "./grpc-call";

const Case = AppendReq.Options.ExpectedStreamRevisionCase;

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

  const expected = expectedRevision(options);
  const events = proposedEvents(rest, settings);
  const outcome = log.append(stream, expected, events);
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

function expectedRevision(options: AppendReq.Options): ExpectedRevision {
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      return { kind: "any" };
    case Case.NO_STREAM:
      return { kind: "no_stream" };
    case Case.STREAM_EXISTS:
      return { kind: "stream_exists" };
    case Case.REVISION:
      return { kind: "exact", revision: BigInt(options.getRevision()) };
    default:
      throw new AppendError(invalidArgument("an expected stream revision is required"));
  }
}

function proposedEvents(messages: AppendReq[], settings: AppendSettings): ProposedEvent[] {
  let size = 0;
  return messages.map((message) => {
    const proposed = message.getProposedMessage();
    if (!proposed) throw new AppendError(invalidArgument("expected a proposed message"));
    const metadata = proposed.getMetadataMap();
    const type = metadata.get("type");
    const contentType = metadata.get("content-type");
    for (const [key, value] of [["type", type], ["content-type", contentType]] as const) {
      if (value === undefined) {
        throw new AppendError(
          rpcError(grpc.status.INVALID_ARGUMENT, `Required metadata property ${key} is missing`, {
            exception: "missing-required-metadata-property",
            "required-metadata-properties": key,
          }),
        );
      }
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
      throw new AppendError(
        rpcError(grpc.status.INVALID_ARGUMENT, `Maximum Append Size of ${settings.maxAppendSize} Exceeded.`, {
          exception: "maximum-append-size-exceeded",
          "maximum-append-size": String(settings.maxAppendSize),
        }),
      );
    }
    return event;
  });
}

function eventId(proposed: AppendReq.ProposedMessage): string {
  try {
    return uuidToString(proposed.getId());
  } catch (error) {
    throw new AppendError(invalidArgument(`invalid event id: ${(error as Error).message}`));
  }
}
