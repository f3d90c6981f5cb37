import { z } from 'zod';
import { confidenceSchema } from '../../../events';
import type { ProbesAnswer, TariffsAnswer } from '../../../projections';
import { Matches } from './matches-type';
import { possibleEventSchema, provenanceShape } from './provenance.schema';

const rateSchema = z.object({ value: z.number(), unit: z.string() });
const exemptionSchema = z.object({ until: z.string().nullable(), eventId: z.string() });
const lineHead = { measure: z.string(), product: z.string(), target: z.string(), except: z.array(z.string()).optional() };

const tariffLineSchema = z.object({
  ...lineHead,
  rate: rateSchema,
  since: z.string(),
  ...provenanceShape,
  exemption: exemptionSchema.nullable(),
  exemptions: z.array(exemptionSchema.extend({ beneficiary: z.string() })).optional(),
  retroactive: z.literal(true).optional(),
});

/** GET /tariffs */
export const tariffsAnswerSchema = z
  .strictObject({
    asOf: z.string(),
    knownAt: z.string(),
    inForce: z.array(tariffLineSchema),
    announced: z.array(tariffLineSchema.omit({ since: true, retroactive: true }).extend({ since: z.string().nullable() })),
    lifted: z.array(z.object({ ...lineHead, since: z.string(), ...provenanceShape, retroactive: z.literal(true).optional() })),
    possible: z.array(possibleEventSchema),
    minConfidence: confidenceSchema.nullable(),
  })
  .meta({ id: 'Tariffs' });

const _tariffsAnswerMatches: Matches<z.output<typeof tariffsAnswerSchema>, TariffsAnswer> = true;

/** GET /probes */
export const probesAnswerSchema = z
  .strictObject({
    asOf: z.string(),
    knownAt: z.string(),
    open: z.array(
      z.object({ ...provenanceShape, negotiation: z.string(), party: z.string().nullable(), authority: z.string(), subject: z.string(), since: z.string() }),
    ),
    possible: z.array(possibleEventSchema),
    minConfidence: confidenceSchema.nullable(),
  })
  .meta({ id: 'Probes' });

const _probesAnswerMatches: Matches<z.output<typeof probesAnswerSchema>, ProbesAnswer> = true;
