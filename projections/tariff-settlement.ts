import { TariffDecision } from './tariff-decisions';

/**
 * Who decides a (measure, product) for each country: the latest decision naming that country or
 * "*". A country whose latest decision names it explicitly has its own line and is excepted from
 * the "*" line; every other country follows the "*" decision.
 */
export interface Settlement {
  star: TariffDecision | undefined;
  own: ReadonlyMap<string, TariffDecision>;
  /** Countries (sorted) that do not follow the "*" decision; empty when there is none. */
  except: string[];
}

export const settle = (
  decisions: readonly TariffDecision[],
  isLater: (a: TariffDecision, b: TariffDecision) => boolean,
): Settlement => {
  const latest = new Map<string, TariffDecision>();
  for (const decision of decisions) {
    for (const target of decision.targets) {
      const current = latest.get(target);
      if (!current || isLater(decision, current)) latest.set(target, decision);
    }
  }
  const star = latest.get('*');
  const own = new Map<string, TariffDecision>();
  for (const [target, decision] of latest) {
    if (target === '*' || (star && !isLater(decision, star))) continue;
    own.set(target, decision);
  }
  return { star, own, except: star ? [...own.keys()].sort() : [] };
};

/** The decision that applies to one country, and whether it named the country or "*". */
export const deciderFor = (settlement: Settlement, country: string): { decision: TariffDecision; target: string } | undefined => {
  const own = settlement.own.get(country);
  if (own) return { decision: own, target: country };
  return settlement.star ? { decision: settlement.star, target: '*' } : undefined;
};
