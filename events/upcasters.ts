import { EventType } from './catalog';

/**
 * Stored events keep the schema version they were written with; reading upcasts them step by step
 * to the current version, so v1 events stay readable forever. Bump a type's version here and add
 * the step `upcasters[type][oldVersion]` in the same change.
 */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<EventType, number>> = {
  DemandTabled: 1, OfferMade: 1, CounterofferMade: 1, ProposalRejected: 1, PositionWithdrawn: 1, AgreementReached: 1,
  ProbeLaunched: 1, ProbeConcluded: 1, TariffAnnounced: 1, TariffImposed: 1, TariffLifted: 1, ExemptionGranted: 1,
  NegotiationLaunched: 1, RoundHeld: 1, DeadlineSet: 1, ThreatIssued: 1, StatementIssued: 1,
  EventCorrected: 1, EventRetracted: 1,
};

export type RawEventBody = { type: string; [field: string]: unknown };
export type Upcaster = (body: RawEventBody) => RawEventBody;
export type Upcasters = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/** No type has changed since v1 yet. */
export const upcasters: Upcasters = {};

export const schemaVersionOf = (type: string): number => CURRENT_SCHEMA_VERSION[type as EventType] ?? 1;

export const upcast = (body: RawEventBody, version: number, steps: Upcasters = upcasters): RawEventBody => {
  let current = body;
  for (let v = version; v < schemaVersionOf(current.type); v++) {
    const step = steps[current.type]?.[v];
    if (!step) throw new Error(`no upcaster for ${current.type} from schema version ${v}`);
    current = step(current);
  }
  return current;
};
