import { lineKey, TariffDecision, TariffRate } from './tariff-decisions';
import { Exemption } from './tariff-exemptions';
import { deciderFor, Settlement } from './tariff-settlement';

export interface BeneficiaryExemption extends Exemption {
  beneficiary: string;
}

/** Fields shared by every line: which measure on which product for which target ("*" = everyone). */
interface LineHead {
  measure: string;
  product: string;
  target: string;
  /** On a "*" line: countries with a decision of their own (lifted, or a line of their own). */
  except?: string[];
}

export interface TariffLine extends LineHead {
  rate: TariffRate;
  /** The day it took effect in as-of answers (YYYY-MM-DD). */
  since: string;
  eventId: string;
  /** The target's exemption in force; always null on an unfiltered "*" line (see `exemptions`). */
  exemption: Exemption | null;
  /** On an unfiltered "*" line: exemptions in force, per beneficiary not excepted from it. */
  exemptions?: BeneficiaryExemption[];
  /** effectiveOn claimed a day before the event, which counts only from its own date. */
  retroactive?: true;
}

export interface AnnouncedTariffLine extends Omit<TariffLine, 'since' | 'retroactive'> {
  /** The announced effective day; null when the announcement gave none. */
  since: string | null;
}

export interface LiftedTariffLine extends LineHead {
  since: string;
  eventId: string;
  retroactive?: true;
}

/** One decision that makes a line, for a target; `country` is set when a query asked for one country. */
export interface Selected {
  decision: TariffDecision;
  target: string;
  except: string[];
  country?: string;
}

/** The decisions of a settlement that make lines (all of them, or those for one queried target). */
export const selectLines = (settlement: Settlement, makesLine: (d: TariffDecision) => boolean, target?: string): Selected[] => {
  if (target !== undefined && target !== '*') {
    const decider = deciderFor(settlement, target);
    return decider && makesLine(decider.decision) ? [{ ...decider, except: [], country: target }] : [];
  }
  const lines: Selected[] = [];
  if (settlement.star && makesLine(settlement.star)) lines.push({ decision: settlement.star, target: '*', except: settlement.except });
  if (target === '*') return lines;
  for (const [country, decision] of settlement.own) if (makesLine(decision)) lines.push({ decision, target: country, except: [] });
  return lines;
};

const head = ({ decision, target, except }: Selected): LineHead => ({
  measure: decision.measure,
  product: decision.product,
  target,
  ...(except.length > 0 ? { except } : {}),
});

const exemptionFields = (selected: Selected, exemptions: ReadonlyMap<string, Exemption>) => {
  const country = selected.country ?? (selected.target === '*' ? undefined : selected.target);
  if (country !== undefined) return { exemption: exemptions.get(country) ?? null };
  const listed = [...exemptions.keys()]
    .filter((beneficiary) => !selected.except.includes(beneficiary))
    .sort()
    .map((beneficiary) => ({ beneficiary, ...(exemptions.get(beneficiary) as Exemption) }));
  return { exemption: null, ...(listed.length > 0 ? { exemptions: listed } : {}) };
};

const retroactive = (decision: TariffDecision) => (decision.retroactive ? { retroactive: true as const } : {});

export const tariffLine = (selected: Selected, exemptions: ReadonlyMap<string, Exemption>): TariffLine => ({
  ...head(selected),
  rate: selected.decision.rate as TariffRate,
  since: selected.decision.effect as string,
  eventId: selected.decision.eventId,
  ...exemptionFields(selected, exemptions),
  ...retroactive(selected.decision),
});

export const announcedLine = (selected: Selected, exemptions: ReadonlyMap<string, Exemption>): AnnouncedTariffLine => ({
  ...head(selected),
  rate: selected.decision.rate as TariffRate,
  since: selected.decision.effect,
  eventId: selected.decision.eventId,
  ...exemptionFields(selected, exemptions),
});

export const liftedLine = (selected: Selected): LiftedTariffLine => ({
  ...head(selected),
  since: selected.decision.effect as string,
  eventId: selected.decision.eventId,
  ...retroactive(selected.decision),
});

export const compareLines = (a: LineHead, b: LineHead): number => {
  const [x, y] = [lineKey(a.measure, a.product), lineKey(b.measure, b.product)];
  if (x !== y) return x < y ? -1 : 1;
  return a.target < b.target ? -1 : a.target > b.target ? 1 : 0;
};
