import { Query } from '@nestjs/cqrs';
import { IssueDiff, ReplayStep } from '../../projections';
import { PointInTime } from './point-in-time';

export interface IssueRef {
  issue: string;
  negotiation?: string;
}

/** The issue event by event (valid-time order), each step with the state after it and what changed. */
export class ReplayIssue extends Query<{ negotiation: string; issue: string; knownAt: string; steps: ReplayStep[] }> {
  constructor(readonly q: IssueRef & { from?: string; to?: string; knownAt?: string }) {
    super();
  }
}

/** What changed on an issue between two days, per party and metric. */
export class DiffIssue extends Query<IssueDiff & { negotiation: string; issue: string; knownAt: string }> {
  constructor(readonly q: IssueRef & { from: string; to: string } & Pick<PointInTime, 'knownAt'>) {
    super();
  }
}
