import { countsFrom } from '../events';
import { EffectiveEvent } from './knowledge';
import { lineKey } from './tariff-decisions';
import { isLaterInValidTime } from './valid-time';

export interface Exemption {
  /** As written in the event; null when open-ended. */
  until: string | null;
  eventId: string;
}

interface Grant extends Exemption {
  countsFrom: string;
  position: bigint;
}

/** Exemptions in force as of a day, by (measure, product), then beneficiary. */
export type ExemptionsInForce = ReadonlyMap<string, ReadonlyMap<string, Exemption>>;

/**
 * The latest ExemptionGranted counted by asOf for each (measure, product, beneficiary) replaces any
 * earlier one (that is how an exemption is extended or cut short); it holds while asOf is before
 * the day its `until` counts from (exclusive), or for good without an `until`.
 */
export const exemptionsAsOf = (events: readonly EffectiveEvent[], asOf: string): ExemptionsInForce => {
  const latest = new Map<string, Map<string, Grant>>();
  for (const { event, countsFrom: counts, position } of events) {
    if (event.type !== 'ExemptionGranted' || counts > asOf) continue;
    const key = lineKey(event.data.measure, event.data.product);
    const byBeneficiary = latest.get(key) ?? new Map<string, Grant>();
    latest.set(key, byBeneficiary);
    const grant: Grant = { until: event.data.until ?? null, eventId: event.id, countsFrom: counts, position };
    for (const beneficiary of event.data.beneficiaries) {
      const current = byBeneficiary.get(beneficiary);
      if (!current || isLaterInValidTime(grant, current)) byBeneficiary.set(beneficiary, grant);
    }
  }
  const inForce = new Map<string, Map<string, Exemption>>();
  for (const [key, byBeneficiary] of latest) {
    for (const [beneficiary, { until, eventId }] of byBeneficiary) {
      if (until !== null && asOf >= countsFrom(until)) continue;
      const current = inForce.get(key) ?? new Map<string, Exemption>();
      inForce.set(key, current.set(beneficiary, { until, eventId }));
    }
  }
  return inForce;
};
