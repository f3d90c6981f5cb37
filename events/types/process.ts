import { z } from 'zod';
import { partialDateSchema } from '../dates';
import { partySchema } from '../envelope';
import { defineEvent } from './define-event';

const text = (max = 500) => z.string().min(1).max(max);

export const NegotiationLaunched = defineEvent('NegotiationLaunched', {
  title: text(),
  parties: z.array(partySchema).min(1),
  agreement: text().optional(),
});
export const RoundHeld = defineEvent('RoundHeld', {
  round: text(),
  location: text(),
  startedOn: partialDateSchema.optional(),
  endedOn: partialDateSchema.optional(),
});
export const DeadlineSet = defineEvent('DeadlineSet', { deadline: partialDateSchema, what: text(2000) });
export const ThreatIssued = defineEvent('ThreatIssued', { threat: text(5000), target: partySchema.optional() });
export const StatementIssued = defineEvent('StatementIssued', {
  speaker: text(),
  quote: text(10000),
  stance: text().optional(),
});
