import type { IssueState, IssueStatus } from './issue-fold';
import { MetricGap, sameGap } from './metric-gaps';
import { PositionTerm, sameTerm } from './position-terms';
import { Entries, own } from './records';

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

const unionOfKeys = (a: Entries<unknown>, b: Entries<unknown>): string[] =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

/** Metric by metric, the entries that differ (shared references are skipped without a look). */
const changedEntries = <V>(
  before: Entries<V>,
  after: Entries<V>,
  same: (a: V | null, b: V | null) => boolean,
): Array<{ metric: string; before: V | null; after: V | null }> => {
  if (before === after) return [];
  return unionOfKeys(before, after)
    .map((metric) => ({ metric, before: own(before, metric) ?? null, after: own(after, metric) ?? null }))
    .filter((entry) => !same(entry.before, entry.after));
};

const changeKind = (before: PositionTerm | null, after: PositionTerm | null): PositionChange['change'] =>
  before === null ? 'added' : after === null ? 'removed' : 'changed';

const positionChanges = (from: IssueState, to: IssueState): PositionChange[] =>
  unionOfKeys(from.positions, to.positions).flatMap((party) =>
    changedEntries(own(from.positions, party) ?? {}, own(to.positions, party) ?? {}, sameTerm).map(
      ({ metric, before, after }) => ({ party, metric, change: changeKind(before, after), before, after }),
    ),
  );

export const diffIssueStates = (from: IssueState, to: IssueState): IssueDiff => ({
  from: from.asOf,
  to: to.asOf,
  status: from.status === to.status ? null : { from: from.status, to: to.status },
  changes: from.positions === to.positions ? [] : positionChanges(from, to),
  gaps: changedEntries(from.gaps, to.gaps, sameGap),
  agreed: changedEntries(from.agreed ?? {}, to.agreed ?? {}, sameTerm),
});
