/**
 * Conversions between the in-memory log and the client protocol messages, using
 * the very protobuf classes shipped with @eventstore/db-client (the gRPC service
 * definitions serialize with `instanceof` checks against these classes).
 */
import { stringify as stringifyUuid, parse as parseUuid } from "uuid";
import { Empty, StreamIdentifier, UUID } from "@eventstore/db-client/generated/shared_pb";
import { ReadReq, ReadResp } from "@eventstore/db-client/generated/streams_pb";
import { DELETED_STREAM_REVISION, type ExpectedRevision, type LogRecord } from "./log";

export const CONTENT_TYPE_JSON = "application/json";
export const CONTENT_TYPE_OCTET_STREAM = "application/octet-stream";

export function streamName(identifier: StreamIdentifier | undefined): string {
  if (!identifier) return "";
  const raw = identifier.getStreamName_asU8();
  return Buffer.from(raw).toString("utf8");
}

export function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, "utf8")));
}

/** Accepts both UUID encodings the protocol allows; returns the canonical lowercase string. */
export function uuidToString(uuid: UUID | undefined): string {
  if (!uuid) throw new Error("event id is required");
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const bytes = new Uint8Array(16);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())));
    view.setBigUint64(8, BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())));
    return stringifyUuid(bytes);
  }
  return stringifyUuid(parseUuid(uuid.getString()));
}

function uuidMessage(id: string, structured: boolean): UUID {
  if (!structured) return new UUID().setString(id);
  const bytes = parseUuid(id);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new UUID().setStructured(
    new UUID.Structured()
      .setMostSignificantBits(BigInt.asIntN(64, view.getBigUint64(0)).toString(10))
      .setLeastSignificantBits(BigInt.asIntN(64, view.getBigUint64(8)).toString(10)),
  );
}

export type UuidFormat = "string" | "structured";

export function uuidFormat(options: ReadReq.Options): UuidFormat {
  return options.getUuidOption()?.hasString() ? "string" : "structured";
}

function recordedEvent(record: LogRecord, uuid: UuidFormat): ReadResp.ReadEvent.RecordedEvent {
  const position = record.position.toString(10);
  const event = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(record.id, uuid === "structured"))
    .setStreamIdentifier(streamIdentifier(record.streamId))
    .setStreamRevision(record.tombstone ? DELETED_STREAM_REVISION.toString(10) : String(record.revision))
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  const metadata = event.getMetadataMap();
  metadata.set("type", record.type);
  metadata.set("created", record.createdTicks.toString(10));
  metadata.set("content-type", record.isJson ? CONTENT_TYPE_JSON : CONTENT_TYPE_OCTET_STREAM);
  return event;
}

export function eventResponse(record: LogRecord, uuid: UuidFormat): ReadResp {
  const readEvent = new ReadResp.ReadEvent()
    .setEvent(recordedEvent(record, uuid))
    .setCommitPosition(record.position.toString(10));
  return new ReadResp().setEvent(readEvent);
}

export function confirmationResponse(subscriptionId: string): ReadResp {
  return new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));
}

export function checkpointResponse(position: bigint): ReadResp {
  const value = position.toString(10);
  return new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(value).setPreparePosition(value));
}

export function caughtUpResponse(): ReadResp {
  return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
}

export function streamNotFoundResponse(name: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)));
}

export const empty = (): Empty => new Empty();

/** The expected-revision oneof of Append, BatchAppend and Tombstone options; undefined when none is set. */
export function expectedRevisionOf(
  options: { hasAny(): boolean; hasNoStream(): boolean; hasStreamExists(): boolean },
  revision: string | undefined,
): ExpectedRevision | undefined {
  if (options.hasAny()) return { kind: "any" };
  if (options.hasNoStream()) return { kind: "no_stream" };
  if (options.hasStreamExists()) return { kind: "stream_exists" };
  return revision === undefined ? undefined : { kind: "exact", revision: BigInt(revision) };
}
