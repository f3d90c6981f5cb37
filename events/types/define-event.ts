import { z } from 'zod';
import { envelopeShape, partySchema, slugSchema } from '../envelope';

type Requirement = { issue?: boolean; party?: boolean };

/**
 * One schema per event type: the shared envelope, a literal `type`, and the type's own `data`.
 * Position events name the issue and the party they are about.
 */
export const defineEvent = <T extends string, D extends z.ZodRawShape>(type: T, data: D, require: Requirement = {}) =>
  z.strictObject({
    ...envelopeShape,
    ...(require.issue ? { issue: slugSchema } : {}),
    ...(require.party ? { party: partySchema } : {}),
    type: z.literal(type),
    data: z.strictObject(data),
  });
