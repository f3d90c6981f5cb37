import { ScheduleStep } from '../events';

/** The step of a phase-in in force on a day. */
export interface StepInForce {
  value: number;
  /** YYYY-MM-DD: the day this step began. */
  from: string;
}

/** The last step begun by `asOf` (steps are in date order, the schema checks); null before the first. */
export const stepInForce = (schedule: readonly ScheduleStep[], asOf: string): StepInForce | null => {
  let current: StepInForce | null = null;
  for (const step of schedule) {
    if (step.from > asOf) break;
    current = { value: step.value, from: step.from };
  }
  return current;
};
