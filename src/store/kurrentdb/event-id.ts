import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace of Parley's name-based (v5) event UUIDs. Changing it would break idempotent re-imports. */
export const PARLEY_UUID_NAMESPACE = '3f0f3c57-6a47-4c3e-9d47-2d4b1b1d7a11';

/**
 * KurrentDB event ids must be UUIDs; Parley ids are any 1–128 characters. The KurrentDB id is a
 * deterministic v5 UUID of the Parley id (within the namespace), so a retried append carries the
 * same ids and KurrentDB's own per-stream idempotency recognises it. The Parley id itself travels
 * in the event's data and metadata.
 */
export const kurrentEventId = (parleyId: string, namespace = ''): string => uuidv5(`${namespace}\u0000${parleyId}`, PARLEY_UUID_NAMESPACE);
