import { Query } from '@nestjs/cqrs';
import { compareValidTime, IssueDiff, ReplayStep, ValidTimed } from '../../projections';
import { KeyOrder, PageRequest, taggedCursor, validTimeFields } from './keyset-page';
import { PointInTime } from './point-in-time';

export interface IssueRef {
  issue: string;
  negotiation?: string;
}

export interface ReplayAnswer {
  negotiation: string;
  issue: string;
  knownAt: string;
  steps: ReplayStep[];
  /** Paged only (limit or cursor given): the cursor of the next page, null on the last. */
  next?: string | null;
  /** Paged only: the number of this page's first step in the whole replay (1 on the first page). */
  firstStep?: number;
}

/** The issue event by event (valid-time order), each step with the state after it and what changed. */
export class ReplayIssue extends Query<ReplayAnswer> {
  constructor(readonly q: IssueRef & { from?: string; to?: string; knownAt?: string } & PageRequest<ValidTimed>) {
    super();
  }
}

/** What changed on an issue between two days, per party and metric. */
export class DiffIssue extends Query<IssueDiff & { negotiation: string; issue: string; knownAt: string }> {
  constructor(readonly q: IssueRef & { from: string; to: string } & Pick<PointInTime, 'knownAt'>) {
    super();
  }
}

/** Steps follow their events' valid time; a cursor is the valid time of the last step seen. */
export const replayStepOrder: KeyOrder<ReplayStep, ValidTimed> = {
  keyOf: ({ event }) => ({ countsFrom: event.countsFrom, position: event.position }),
  compare: ({ event }, key) => compareValidTime(event, key),
};

export const replayCursor = taggedCursor<ValidTimed>('replay', validTimeFields.of, validTimeFields.key);
