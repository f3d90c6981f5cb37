import { EffectiveEvent } from './knowledge';
import { laterInEffect, lineKey, TariffDecision, tariffDecisionOf } from './tariff-decisions';
import { Exemption, exemptionsAsOf } from './tariff-exemptions';
import { announcedLine, AnnouncedTariffLine, compareLines, liftedLine, LiftedTariffLine, selectLines, tariffLine, TariffLine } from './tariff-lines';
import { settle } from './tariff-settlement';
import { isLaterInValidTime } from './valid-time';

export type { TariffRate } from './tariff-decisions';
export type { Exemption } from './tariff-exemptions';
export type { AnnouncedTariffLine, BeneficiaryExemption, LiftedTariffLine, TariffLine } from './tariff-lines';

export interface TariffsQuery {
  asOf: string;
  knownAt: string;
  /** One country: the lines that apply to it, its own or "*" ("*": only the lines for everyone). */
  target?: string;
}

export interface TariffsInForce {
  asOf: string;
  knownAt: string;
  inForce: TariffLine[];
  /** Announcements and scheduled impositions that take effect after asOf and are not superseded. */
  announced: AnnouncedTariffLine[];
  /** Lines whose deciding event as of asOf is a lifting. */
  lifted: LiftedTariffLine[];
}

const NO_EXEMPTIONS: ReadonlyMap<string, Exemption> = new Map();

/**
 * Tariffs across all negotiations as of a day. In force: for each (measure, product) and country,
 * the latest imposition or lifting in effect (by effect date, then position) naming the country or
 * "*". Announced: the latest word (by the day it counts from, then position) on a line, when it is
 * an announcement or an imposition that takes effect after asOf.
 */
export const tariffsInForce = (events: readonly EffectiveEvent[], q: TariffsQuery): TariffsInForce => {
  const groups = new Map<string, TariffDecision[]>();
  for (const event of events) {
    const decision = tariffDecisionOf(event);
    if (!decision || decision.countsFrom > q.asOf) continue;
    const key = lineKey(decision.measure, decision.product);
    const group = groups.get(key);
    if (group) group.push(decision);
    else groups.set(key, [decision]);
  }
  const exemptions = exemptionsAsOf(events, q.asOf);
  const result: TariffsInForce = { asOf: q.asOf, knownAt: q.knownAt, inForce: [], announced: [], lifted: [] };
  const inEffect = (d: TariffDecision) => d.kind !== 'announced' && d.effect !== null && d.effect <= q.asOf;
  const isPending = (d: TariffDecision) => d.kind !== 'lifted' && (d.effect === null || d.effect > q.asOf);
  for (const [key, decisions] of groups) {
    const exempt = exemptions.get(key) ?? NO_EXEMPTIONS;
    const effective = settle(decisions.filter(inEffect), laterInEffect);
    for (const line of selectLines(effective, (d) => d.kind === 'imposed', q.target)) result.inForce.push(tariffLine(line, exempt));
    for (const line of selectLines(effective, (d) => d.kind === 'lifted', q.target)) result.lifted.push(liftedLine(line));
    const latestWord = settle(decisions, isLaterInValidTime);
    for (const line of selectLines(latestWord, isPending, q.target)) result.announced.push(announcedLine(line, exempt));
  }
  result.inForce.sort(compareLines);
  result.announced.sort(compareLines);
  result.lifted.sort(compareLines);
  return result;
};
