import { z } from 'zod';
import { partialDateSchema } from '../dates';
import { eventIdSchema, partySchema, targetSchema } from '../envelope';
import { rateSchema } from '../terms';
import { defineEvent } from './define-event';

const text = (max = 500) => z.string().min(1).max(max);
const targets = z.array(targetSchema).min(1);

export const ProbeLaunched = defineEvent('ProbeLaunched', {
  authority: text(),
  subject: text(),
  agency: text().optional(),
  targets: targets.optional(),
});
export const ProbeConcluded = defineEvent('ProbeConcluded', { probe: eventIdSchema, finding: text(5000) });

const tariffLine = {
  measure: text(),
  product: text(),
  rate: rateSchema,
  targets,
  effectiveOn: partialDateSchema.optional(),
  conditions: text(5000).optional(),
};
export const TariffAnnounced = defineEvent('TariffAnnounced', tariffLine);
export const TariffImposed = defineEvent('TariffImposed', tariffLine);
export const TariffLifted = defineEvent('TariffLifted', {
  measure: text(),
  product: text(),
  targets,
  effectiveOn: partialDateSchema.optional(),
});
export const ExemptionGranted = defineEvent('ExemptionGranted', {
  measure: text(),
  product: text(),
  beneficiaries: z.array(partySchema).min(1),
  until: partialDateSchema.optional(),
});
