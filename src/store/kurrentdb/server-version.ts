import { type EventStoreDBClient } from '@eventstore/db-client';
import { UnsupportedKurrentDBVersionError } from './errors';

/** The adapter's floor: subscriptions send CaughtUp only since 24.2 (`Streams.Read.cs`: absent in oss-v23.10.0, present from oss-v24.2.0). */
export const MINIMUM_VERSION: readonly [number, number] = [24, 2];

/** "24.10.0", "25.0.1.1234" → [24, 10]; undefined for "unknown" (a server without ServerFeatures, older than 21.10). */
export const parseServerVersion = (version: string): [number, number] | undefined => {
  const match = /^(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
};

export const supportsCaughtUp = (version: string): boolean => {
  const parsed = parseServerVersion(version);
  return parsed !== undefined && (parsed[0] > MINIMUM_VERSION[0] || (parsed[0] === MINIMUM_VERSION[0] && parsed[1] >= MINIMUM_VERSION[1]));
};

/**
 * The version the server reported in ServerFeatures. 6.2.1 fetches it on its first call and keeps
 * it behind `capabilities`, a getter its typings mark protected (`Client/index.d.ts`); this is the
 * one place Parley reads it, instead of opening a second channel with the same TLS, credentials and
 * discovery settings just to ask again.
 */
const reportedVersion = async (client: EventStoreDBClient): Promise<string> =>
  (await (client as unknown as { capabilities: Promise<{ serverVersion: string }> }).capabilities).serverVersion;

/**
 * Resolves once the server is known to send CaughtUp; otherwise rejects with a clear error instead
 * of letting the first catch-up wait forever. Checked once per store (retried after a failure to connect).
 */
export const serverVersionGate = (client: EventStoreDBClient) => {
  let checked: Promise<void> | undefined;
  return (): Promise<void> =>
    (checked ??= reportedVersion(client).then(
      (version) => {
        if (!supportsCaughtUp(version)) throw new UnsupportedKurrentDBVersionError(version, MINIMUM_VERSION.join('.'));
      },
      (error: unknown) => {
        checked = undefined;
        throw error;
      },
    ));
};
