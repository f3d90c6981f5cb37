import { z } from 'zod';
import { correctableSchemas, EventCorrected, EventRetracted } from './types/corrections';

export const eventSchemas = [...correctableSchemas, EventCorrected, EventRetracted] as const;

/** The v1 wire format of an event as submitted (id optional, confidence defaulted). */
export const eventSchema = z.discriminatedUnion('type', eventSchemas);

export type NewEvent = z.output<typeof eventSchema>;
export type EventType = NewEvent['type'];
export type EventOfType<T extends EventType> = Extract<NewEvent, { type: T }>;

/** An event with its identity fixed: what the store keeps. */
export type ParleyEvent = NewEvent & { id: string };

/** A stored event: the store adds the global position, the stream revision and the transaction time. */
export type StoredEvent<E extends ParleyEvent = ParleyEvent> = E & {
  position: bigint;
  streamRevision: bigint;
  recordedAt: string;
};

export const EVENT_TYPES: readonly EventType[] = eventSchemas.map((schema) => schema.shape.type.value);

export const POSITION_EVENT_TYPES = [
  'DemandTabled', 'OfferMade', 'CounterofferMade', 'ProposalRejected', 'PositionWithdrawn', 'AgreementReached',
] as const satisfies readonly EventType[];

export const CORRECTION_EVENT_TYPES = ['EventCorrected', 'EventRetracted'] as const satisfies readonly EventType[];

export const isEventType = (value: unknown): value is EventType =>
  typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);

export const streamOf = (negotiation: string): string => `negotiation-${negotiation}`;
