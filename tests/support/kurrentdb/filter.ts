/**
 * Server-side `$all` filtering as KurrentDB does it (ReadReq.Options.FilterOptions):
 * on the stream name or on the event type, by a list of prefixes or by a regex
 * (a non-empty regex wins over prefixes). The regex is a search, not a full match,
 * like .NET's Regex.IsMatch.
 */
import { ReadReq } from "@eventstore/db-client/generated/streams_pb";
import type { LogRecord } from "./log";

type FilterOptions = ReadReq.Options.FilterOptions;

/** KurrentDB's ReadBatchSize: the search window when the client does not set `max`. */
export const DEFAULT_MAX_SEARCH_WINDOW = 32;

export interface EventFilter {
  matches(record: LogRecord): boolean;
  /** Checkpoint every `checkpointInterval` considered (matching or not) events. */
  readonly checkpointInterval: number;
  readonly maxSearchWindow: number;
}

export class InvalidFilterError extends Error {}

export function compileFilter(options: FilterOptions): EventFilter {
  const on = options.getFilterCase();
  const expression =
    on === ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER
      ? options.getStreamIdentifier()
      : on === ReadReq.Options.FilterOptions.FilterCase.EVENT_TYPE
        ? options.getEventType()
        : undefined;
  if (!expression) throw new InvalidFilterError("filter must be on stream identifier or event type");

  const field = (record: LogRecord): string =>
    on === ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER ? record.streamId : record.type;
  const regex = expression.getRegex();
  let test: (value: string) => boolean;
  if (regex) {
    let compiled: RegExp;
    try {
      compiled = new RegExp(regex);
    } catch (error) {
      throw new InvalidFilterError(`invalid filter regex: ${(error as Error).message}`);
    }
    test = (value) => compiled.test(value);
  } else {
    const prefixes = expression.getPrefixList();
    test = (value) => prefixes.some((prefix) => value.startsWith(prefix));
  }

  const maxSearchWindow = options.hasMax() ? options.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  if (maxSearchWindow <= 0) throw new InvalidFilterError("max search window must be > 0");
  const multiplier = options.getCheckpointintervalmultiplier();
  if (multiplier <= 0) throw new InvalidFilterError("checkpoint interval multiplier must be > 0");

  return {
    matches: (record) => test(field(record)),
    checkpointInterval: multiplier * maxSearchWindow,
    maxSearchWindow,
  };
}

