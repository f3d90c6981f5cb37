import { z } from 'zod';
import { fullDateSchema } from './dates';
import { slugSchema } from './envelope';
import { MAX_TARIFF_PERCENT, MetricDefinition, metricDefinition } from './vocabulary';

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
  if (known.unit !== 'text' && term.value !== undefined) {
    const problem = outOfRange(term.metric, known, term.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  }
  if (known.unit !== 'text' && term.unit !== undefined && term.unit !== known.unit) {
    ctx.addIssue({
      code: 'custom',
      path: ['unit'],
      message: `metric "${term.metric}" is measured in "${known.unit}", got "${term.unit}"`,
    });
  }
};

/** Why a known metric cannot take this value (a negative amount, a share over 100 %), if it cannot. */
const outOfRange = (metric: string, known: MetricDefinition, value: number): string | undefined =>
  value < 0
    ? `metric "${metric}" cannot be negative, got ${value} ${known.unit}`
    : known.max !== undefined && value > known.max
      ? `metric "${metric}" is at most ${known.max} ${known.unit}, got ${value}`
      : undefined;

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
    const known = metricDefinition(term.metric);
    if (known && known.unit !== 'text') {
      term.schedule?.forEach((step, i) => {
        const problem = outOfRange(term.metric, known, step.value);
        if (problem) ctx.addIssue({ code: 'custom', path: ['schedule', i, 'value'], message: problem });
      });
    }
  });
export type AgreedTerm = z.infer<typeof agreedTermSchema>;

export const agreedTermsSchema = z.array(agreedTermSchema).min(1).max(100);

export const rateSchema = z
  .strictObject({
    value: z.number().finite().min(0),
    unit: z.enum(['percent', 'usd_per_tonne', 'usd_per_unit']),
  })
  .refine((rate) => rate.unit !== 'percent' || rate.value <= MAX_TARIFF_PERCENT, {
    path: ['value'],
    message: `a tariff rate is at most ${MAX_TARIFF_PERCENT} percent`,
  });
