import { ParleyEvent } from '../events';

export type IssueStatus = 'not_raised' | 'open' | 'agreed';

/**
 * An issue is raised by any event about it; an agreement settles it; a new demand, offer or
 * counteroffer reopens it. Anything else leaves a raised issue as it was.
 */
export const statusAfter = (status: IssueStatus, type: ParleyEvent['type']): IssueStatus => {
  switch (type) {
    case 'AgreementReached':
      return 'agreed';
    case 'DemandTabled':
    case 'OfferMade':
    case 'CounterofferMade':
      return 'open';
    default:
      return status === 'not_raised' ? 'open' : status;
  }
};

/** What an overview needs of an issue: the same status rule, without the positions. */
export interface IssueActivity {
  status: IssueStatus;
  eventCount: number;
  lastEventAt: string | null;
}

export const NO_ACTIVITY: IssueActivity = { status: 'not_raised', eventCount: 0, lastEventAt: null };

export const activityAfter = (activity: IssueActivity, event: ParleyEvent): IssueActivity => ({
  status: statusAfter(activity.status, event.type),
  eventCount: activity.eventCount + 1,
  lastEventAt: event.occurredAt,
});
