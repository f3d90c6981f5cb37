import { StoredEvent } from '../../events';
import { diffIssueStates, EffectiveEvent, IssueDiff, issueStateAt, TariffsInForce, tariffsInForce } from '../../projections';
import { StateCondition } from './webhook-condition';

/** The instant just before an event was recorded: what was known without it (and its batch). */
export const justBefore = (recordedAt: string): string => new Date(new Date(recordedAt).getTime() - 1).toISOString();

const idsTouched = (event: StoredEvent): string[] =>
  event.type === 'EventCorrected' ? [event.data.corrects] : event.type === 'EventRetracted' ? [event.data.retracts] : [event.id];

/**
 * The valid-time days on which an event can change an answer: the day it counts from, and for a
 * correction or retraction the days its target counted from before and after. A back-dated event
 * changes the state of an earlier day, and that is the day the change is reported for.
 */
export const daysChangedBy = (event: StoredEvent, before: readonly EffectiveEvent[], after: readonly EffectiveEvent[]): string[] => {
  const ids = new Set(idsTouched(event));
  const days = new Set<string>();
  for (const known of [before, after]) for (const e of known) if (ids.has(e.event.id)) days.add(e.countsFrom);
  return [...days].sort();
};

/** An issue's diff on `asOf`, between what was known before the event and with it. */
export const issueDiffOn = (
  q: { negotiation: string; issue: string; asOf: string },
  before: { events: readonly EffectiveEvent[]; knownAt: string },
  after: { events: readonly EffectiveEvent[]; knownAt: string },
): IssueDiff => {
  const was = issueStateAt(before.events, { ...q, knownAt: before.knownAt });
  const is = issueStateAt(after.events, { ...q, knownAt: after.knownAt });
  return diffIssueStates(was, is);
};

export type StateChange = Pick<IssueDiff, 'status' | 'changes' | 'gaps'>;

const crosses = (threshold: number, before: number | null, after: number | null): boolean =>
  (before ?? -Infinity) > threshold !== (after ?? -Infinity) > threshold;

/** The part of a diff the condition asks about; null when nothing it watches changed. */
export const watchedChange = (condition: StateCondition, diff: IssueDiff): StateChange | null => {
  switch (condition.kind) {
    case 'status-changed':
      return diff.status ? { status: diff.status, changes: [], gaps: [] } : null;
    case 'position-changed': {
      const changes = diff.changes.filter(
        (c) => (condition.party === undefined || c.party === condition.party) && (condition.metric === undefined || c.metric === condition.metric),
      );
      return changes.length > 0 ? { status: null, changes, gaps: [] } : null;
    }
    case 'gap-changed': {
      const gaps = diff.gaps.filter(
        (g) =>
          (condition.metric === undefined || g.metric === condition.metric) &&
          (condition.threshold === undefined ||
            g.before === null ||
            g.after === null ||
            crosses(condition.threshold, g.before.spread, g.after.spread)),
      );
      return gaps.length > 0 ? { status: null, changes: [], gaps } : null;
    }
  }
};

type Lines = Pick<TariffsInForce, 'inForce' | 'announced' | 'lifted'>;

/** Tariff lines on one target country that differ between two answers (null when none). */
export const tariffChangeOn = (
  target: string,
  asOf: string,
  before: { events: readonly EffectiveEvent[]; knownAt: string },
  after: { events: readonly EffectiveEvent[]; knownAt: string },
): { before: Lines; after: Lines } | null => {
  const pick = ({ inForce, announced, lifted }: TariffsInForce): Lines => ({ inForce, announced, lifted });
  const was = pick(tariffsInForce(before.events, { asOf, knownAt: before.knownAt, target }));
  const is = pick(tariffsInForce(after.events, { asOf, knownAt: after.knownAt, target }));
  return JSON.stringify(was) === JSON.stringify(is) ? null : { before: was, after: is };
};
