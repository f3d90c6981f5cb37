import { Query } from '@nestjs/cqrs';
import { IssueAnswer } from '../../projections';
import { PointInTime } from './point-in-time';

/** Where an issue stood as of a day, as known at an instant. `negotiation` may be left out when only one has the issue. */
export class GetIssueState extends Query<IssueAnswer> {
  constructor(readonly q: { issue: string; negotiation?: string } & PointInTime) {
    super();
  }
}
