import { StoredEvent } from './catalog';

/** Positions are bigint inside Parley (KurrentDB's are 64-bit); JSON carries a number while it is exact. */
export const bigintToJson = (value: bigint): number | string =>
  value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();

export type StoredEventJson = Omit<StoredEvent, 'position' | 'streamRevision'> & {
  position: number | string;
  streamRevision: number | string;
};

export const storedEventToJson = (event: StoredEvent): StoredEventJson => ({
  ...event,
  position: bigintToJson(event.position),
  streamRevision: bigintToJson(event.streamRevision),
});
