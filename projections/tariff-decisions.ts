import { countsFrom } from '../events';
import { EffectiveEvent } from './knowledge';
import { comparePositions } from './valid-time';

export interface TariffRate {
  value: number;
  unit: string;
}

/** A TariffAnnounced, TariffImposed or TariffLifted, reduced to what the tariff projections decide on. */
export interface TariffDecision {
  kind: 'announced' | 'imposed' | 'lifted';
  measure: string;
  product: string;
  targets: readonly string[];
  rate: TariffRate | null;
  /**
   * The day it takes effect in as-of answers: effectiveOn schedules forward but never reaches back
   * before the event itself counts. null: an announcement without a date.
   */
  effect: string | null;
  /** effectiveOn claimed a day before the event counts from. */
  retroactive: boolean;
  /** When the decision itself counts: countsFrom(occurredAt). */
  countsFrom: string;
  position: bigint;
  eventId: string;
}

const KINDS = { TariffAnnounced: 'announced', TariffImposed: 'imposed', TariffLifted: 'lifted' } as const;

const effectOf = (effectiveOn: string | undefined, counts: string, kind: TariffDecision['kind']) => {
  if (effectiveOn === undefined) return { effect: kind === 'announced' ? null : counts, retroactive: false };
  const claimed = countsFrom(effectiveOn);
  return claimed < counts ? { effect: counts, retroactive: true } : { effect: claimed, retroactive: false };
};

export const tariffDecisionOf = ({ event, countsFrom: counts, position }: EffectiveEvent): TariffDecision | undefined => {
  if (event.type !== 'TariffAnnounced' && event.type !== 'TariffImposed' && event.type !== 'TariffLifted') return undefined;
  const kind = KINDS[event.type];
  const { measure, product, targets, effectiveOn } = event.data;
  const rate = 'rate' in event.data ? { value: event.data.rate.value, unit: event.data.rate.unit } : null;
  return { kind, measure, product, targets, rate, ...effectOf(effectiveOn, counts, kind), countsFrom: counts, position, eventId: event.id };
};

/** Later in force: by effect date, then position. */
export const laterInEffect = (a: TariffDecision, b: TariffDecision): boolean =>
  (a.effect ?? '') !== (b.effect ?? '') ? (a.effect ?? '') > (b.effect ?? '') : comparePositions(a.position, b.position) > 0;


export const lineKey = (measure: string, product: string): string => `${measure}\u0000${product}`;
