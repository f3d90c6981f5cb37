import { Confidence, ParleyEvent } from '../events';
import { EffectiveEvent } from './knowledge';
import { OpenProbe, OpenProbes } from './open-probes';
import { PossibleEvent, possibleEvent, possibleOn } from './possible';
import { eventsById, Provenance, provenanceById } from './provenance';
import { AnnouncedTariffLine, LiftedTariffLine, TariffLine, TariffsInForce } from './tariffs-in-force';

export type Sourced<T> = T & Provenance;

export interface TariffsAnswer extends Omit<TariffsInForce, 'inForce' | 'announced' | 'lifted'> {
  inForce: Sourced<TariffLine>[];
  announced: Sourced<AnnouncedTariffLine>[];
  lifted: Sourced<LiftedTariffLine>[];
  /** Tariff and exemption events whose window contains asOf but has not ended: possibly in effect by then. */
  possible: PossibleEvent[];
  minConfidence: Confidence | null;
}

export interface ProbesAnswer extends Omit<OpenProbes, 'open'> {
  open: Sourced<OpenProbe>[];
  /** Launches and conclusions whose window contains asOf but has not ended. */
  possible: PossibleEvent[];
  minConfidence: Confidence | null;
}

const sourced = <T extends { eventId: string }>(byId: ReadonlyMap<string, ParleyEvent>) => (item: T): Sourced<T> => ({
  ...item,
  ...provenanceById(byId, item.eventId),
});

const TARIFF_TYPES: ReadonlySet<string> = new Set(['TariffAnnounced', 'TariffImposed', 'TariffLifted', 'ExemptionGranted']);

/** A tariff event applies to a queried country when it names it or "*"; "*" asks for lines for everyone. */
const appliesTo = (event: ParleyEvent, target: string | undefined): boolean => {
  if (target === undefined) return true;
  const named = event.type === 'ExemptionGranted' ? event.data.beneficiaries : 'targets' in event.data ? (event.data.targets as string[]) : [];
  return named.includes(target) || (target !== '*' && named.includes('*'));
};

/** Tariffs as answered: every line with its provenance, and what may already have taken effect. */
export const answerTariffs = (
  tariffs: TariffsInForce,
  events: readonly EffectiveEvent[],
  q: { target?: string; minConfidence?: Confidence | null },
): TariffsAnswer => {
  const byId = eventsById(events);
  return {
    ...tariffs,
    inForce: tariffs.inForce.map(sourced(byId)),
    announced: tariffs.announced.map(sourced(byId)),
    lifted: tariffs.lifted.map(sourced(byId)),
    possible: possibleOn(events, tariffs.asOf, (e) => TARIFF_TYPES.has(e.type) && appliesTo(e, q.target)).map(possibleEvent),
    minConfidence: q.minConfidence ?? null,
  };
};

/** Open probes as answered: each with its provenance, and launches or conclusions possibly made by then. */
export const answerProbes = (
  probes: OpenProbes,
  events: readonly EffectiveEvent[],
  q: { negotiation?: string; minConfidence?: Confidence | null },
): ProbesAnswer => {
  const byId = eventsById(events);
  const about = (e: ParleyEvent) =>
    (e.type === 'ProbeLaunched' || e.type === 'ProbeConcluded') && (q.negotiation === undefined || e.negotiation === q.negotiation);
  return {
    ...probes,
    open: probes.open.map(sourced(byId)),
    possible: possibleOn(events, probes.asOf, about).map(possibleEvent),
    minConfidence: q.minConfidence ?? null,
  };
};
