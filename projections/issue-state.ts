/** The public contract of one issue's state: the fold, its diff, and its replay. */
export { issueState, issueStateAt } from './issue-fold';
export type { IssueQuery, IssueState, IssueStatus } from './issue-fold';
export type { MetricGap } from './metric-gaps';
export type { PositionTerm } from './position-terms';
export { diffIssueStates } from './issue-diff';
export type { AgreedChange, GapChange, IssueDiff, PositionChange } from './issue-diff';
export { replayIssue } from './issue-replay';
export type { ReplayQuery, ReplayStep } from './issue-replay';
