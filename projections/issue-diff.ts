import type { IssueState, IssueStatus } from './issue-fold';
import { MetricGap, sameGap } from './metric-gaps';
import { PositionTerm, sameTerm } from './position-terms';
import { EMPTY, Entries, own, unionOfKeys } from './records';

export interface PositionChange {
  party: string;
  metric: string;
  change: 'added' | 'changed' | 'removed';
  before: PositionTerm | null;
  after: PositionTerm | null;
}
export interface GapChange { metric: string; before: MetricGap | null; after: MetricGap | null }
export interface AgreedChange { metric: string; before: PositionTerm | null; after: PositionTerm | null }

/** What changed on an issue between two states (every list sorted by party, then metric). */
export interface IssueDiff {
  /** The asOf of each state. */
  from: string;
  to: string;
  status: { from: IssueStatus; to: IssueStatus } | null;
  changes: PositionChange[];
  gaps: GapChange[];
  agreed: AgreedChange[];
}

/** Metric by metric, the entries that differ (shared references are skipped without a look). */
const changedEntries = <V>(
  before: Entries<V>,
  after: Entries<V>,
  same: (a: V | null, b: V | null) => boolean,
): Array<{ metric: string; before: V | null; after: V | null }> => {
  const changes: Array<{ metric: string; before: V | null; after: V | null }> = [];
  if (before === after) return changes;
  for (const metric of unionOfKeys(before, after)) {
    const [was, is] = [own(before, metric) ?? null, own(after, metric) ?? null];
    if (!same(was, is)) changes.push({ metric, before: was, after: is });
  }
  return changes;
};

const changeKind = (before: PositionTerm | null, after: PositionTerm | null): PositionChange['change'] =>
  before === null ? 'added' : after === null ? 'removed' : 'changed';

const positionChanges = (from: IssueState, to: IssueState): PositionChange[] => {
  const changes: PositionChange[] = [];
  if (from.positions === to.positions) return changes;
  for (const party of unionOfKeys(from.positions, to.positions)) {
    const [was, is] = [own(from.positions, party) ?? EMPTY, own(to.positions, party) ?? EMPTY];
    for (const { metric, before, after } of changedEntries(was, is, sameTerm)) {
      changes.push({ party, metric, change: changeKind(before, after), before, after });
    }
  }
  return changes;
};

export const diffIssueStates = (from: IssueState, to: IssueState): IssueDiff => ({
  from: from.asOf,
  to: to.asOf,
  status: from.status === to.status ? null : { from: from.status, to: to.status },
  changes: positionChanges(from, to),
  gaps: changedEntries(from.gaps, to.gaps, sameGap),
  agreed: changedEntries(from.agreed ?? EMPTY, to.agreed ?? EMPTY, sameTerm),
});
