import { z } from 'zod';
import { fullDateSchema } from './dates';
import { slugSchema } from './envelope';
import { metricDefinition } from './vocabulary';

const metricNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, { message: 'expected a metric name in snake_case, e.g. "regional_value_content"' })
  .max(100);

const termShape = {
  metric: metricNameSchema,
  value: z.number().finite().optional(),
  unit: z.string().regex(/^[a-z][a-z0-9_]*$/).max(50).optional(),
  text: z.string().min(1).max(2000).optional(),
  note: z.string().max(2000).optional(),
  /**
   * What part of the metric the term covers ("high-value-parts", "whole-vehicle"): terms with
   * different scopes are different things and are never compared in one gap.
   */
  scope: slugSchema.optional(),
};

type TermFields = { metric: string; value?: number; unit?: string; text?: string };

const checkTerm = (term: TermFields, ctx: z.core.$RefinementCtx): void => {
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
};

/** One negotiated term: a number with its unit, or a qualitative stance ("eliminate", "opt-in"). */
export const termSchema = z.strictObject(termShape).superRefine(checkTerm);
export type Term = z.infer<typeof termSchema>;

export const termsSchema = z.array(termSchema).min(1).max(100);

/** One step of a phase-in: from this day on, the agreed value is this (in the term's unit). */
export const scheduleStepSchema = z.strictObject({ from: fullDateSchema, value: z.number().finite() });
export type ScheduleStep = z.infer<typeof scheduleStepSchema>;

/** Steps strictly in date order, so "the step in force on a day" is the last one begun by then. */
export const scheduleSchema = z
  .array(scheduleStepSchema)
  .min(1)
  .max(100)
  .superRefine((steps, ctx) => {
    for (let i = 1; i < steps.length; i++) {
      if (steps[i].from <= steps[i - 1].from) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'from'],
          message: `schedule steps must be in date order: ${steps[i].from} does not come after ${steps[i - 1].from}`,
        });
      }
    }
  });

/**
 * A term of an agreement: a term that may phase in by a schedule (USMCA's auto RVC rose by steps
 * to 75 %). A schedule needs a numeric term, whose unit its values share.
 */
export const agreedTermSchema = z
  .strictObject({ ...termShape, schedule: scheduleSchema.optional() })
  .superRefine((term, ctx) => {
    checkTerm(term, ctx);
    if (term.schedule !== undefined && term.unit === undefined) {
      ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'a schedule needs a numeric term (value and unit) whose unit its steps share' });
    }
  });
export type AgreedTerm = z.infer<typeof agreedTermSchema>;

export const agreedTermsSchema = z.array(agreedTermSchema).min(1).max(100);

export const rateSchema = z.strictObject({
  value: z.number().finite().min(0),
  unit: z.enum(['percent', 'usd_per_tonne', 'usd_per_unit']),
});
