import { ParleyEvent, StoredEvent } from './catalog';

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

/** The body of a stored event, without what the store added (position, stream revision, recordedAt). */
export const bodyOf = (stored: StoredEvent): ParleyEvent => {
  const { position: _position, streamRevision: _revision, recordedAt: _recordedAt, ...body } = stored;
  return body as ParleyEvent;
};
