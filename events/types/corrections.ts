import { z } from 'zod';
import { eventIdSchema } from '../envelope';
import { defineEvent } from './define-event';
import { AgreementReached, CounterofferMade, DemandTabled, OfferMade, PositionWithdrawn, ProposalRejected } from './positions';
import { ExemptionGranted, ProbeConcluded, ProbeLaunched, TariffAnnounced, TariffImposed, TariffLifted } from './measures';
import { DeadlineSet, NegotiationLaunched, RoundHeld, StatementIssued, ThreatIssued } from './process';

/** Every type a correction may put in place of the original (a correction is never itself corrected in place). */
export const correctableSchemas = [
  DemandTabled, OfferMade, CounterofferMade, ProposalRejected, PositionWithdrawn, AgreementReached,
  ProbeLaunched, ProbeConcluded, TariffAnnounced, TariffImposed, TariffLifted, ExemptionGranted,
  NegotiationLaunched, RoundHeld, DeadlineSet, ThreatIssued, StatementIssued,
] as const;

const replacementSchema = z.discriminatedUnion(
  'type',
  correctableSchemas.map((schema) => schema.omit({ id: true })) as unknown as [
    ReturnType<(typeof correctableSchemas)[number]['omit']>,
  ],
);

export const EventCorrected = defineEvent('EventCorrected', { corrects: eventIdSchema, replacement: replacementSchema });
export const EventRetracted = defineEvent('EventRetracted', { retracts: eventIdSchema, reason: z.string().min(1).max(2000) });
