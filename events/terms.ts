import { z } from 'zod';
import { metricDefinition } from './vocabulary';

const metricNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, { message: 'expected a metric name in snake_case, e.g. "regional_value_content"' })
  .max(100);

/** One negotiated term: a number with its unit, or a qualitative stance ("eliminate", "opt-in"). */
export const termSchema = z
  .strictObject({
    metric: metricNameSchema,
    value: z.number().finite().optional(),
    unit: z.string().regex(/^[a-z][a-z0-9_]*$/).max(50).optional(),
    text: z.string().min(1).max(2000).optional(),
    note: z.string().max(2000).optional(),
  })
  .superRefine((term, ctx) => {
    const hasNumber = term.value !== undefined;
    if (hasNumber !== (term.unit !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [hasNumber ? 'unit' : 'value'], message: 'value and unit go together' });
    }
    if (!hasNumber && term.text === undefined) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'a term needs value+unit or text' });
    }
    const known = metricDefinition(term.metric);
    if (!known) return;
    if (known.unit === 'text' && hasNumber) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `metric "${term.metric}" is qualitative: use text, not value/unit` });
    }
    if (known.unit !== 'text' && term.unit !== undefined && term.unit !== known.unit) {
      ctx.addIssue({
        code: 'custom',
        path: ['unit'],
        message: `metric "${term.metric}" is measured in "${known.unit}", got "${term.unit}"`,
      });
    }
  });
export type Term = z.infer<typeof termSchema>;

export const termsSchema = z.array(termSchema).min(1).max(100);

export const rateSchema = z.strictObject({
  value: z.number().finite().min(0),
  unit: z.enum(['percent', 'usd_per_tonne', 'usd_per_unit']),
});
