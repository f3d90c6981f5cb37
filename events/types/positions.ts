import { z } from 'zod';
import { eventIdSchema, partySchema } from '../envelope';
import { agreedTermsSchema, termsSchema } from '../terms';
import { defineEvent } from './define-event';

const position = { issue: true, party: true };

export const DemandTabled = defineEvent('DemandTabled', { terms: termsSchema }, position);
export const OfferMade = defineEvent('OfferMade', { terms: termsSchema, respondsTo: eventIdSchema.optional() }, position);
export const CounterofferMade = defineEvent('CounterofferMade', { terms: termsSchema, respondsTo: eventIdSchema }, position);
export const ProposalRejected = defineEvent(
  'ProposalRejected',
  { respondsTo: eventIdSchema, reason: z.string().max(2000).optional() },
  position,
);
export const PositionWithdrawn = defineEvent(
  'PositionWithdrawn',
  { metrics: z.array(z.string().min(1).max(100)).min(1) },
  position,
);
export const AgreementReached = defineEvent(
  'AgreementReached',
  { parties: z.array(partySchema).min(1), terms: agreedTermsSchema },
  { issue: true },
);
