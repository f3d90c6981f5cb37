import { countCountedBy, EffectiveEvent, issueState, IssueState } from '../../projections';
import { EventHistory } from './event-history';

const SNAPSHOT_EVERY = 16;

/**
 * Snapshots of one issue's fold every 16 events of valid time, for the latest knowledge: an as-of
 * answer is a binary search for the day plus a fold of at most 15 events from the nearest snapshot.
 * The state folded for a count of events is kept too, so every later question whose day counts as
 * many events gets the very same state (and its answer can reuse what was answered for it).
 * States are immutable and share every untouched map, so a snapshot is only a kept reference.
 * When an event lands in the history's latest view, only the states after the day it counts
 * from are dropped (a back-dated event can land anywhere in valid time); anything else rebuilds.
 */
export class IssueStateIndex {
  private readonly snapshots: IssueState[];
  /** The state of the first n events, by n, as asked (sparse). */
  private readonly states: IssueState[] = [];

  private constructor(
    private version: number,
    private readonly events: readonly EffectiveEvent[],
    negotiation: string,
    issue: string,
  ) {
    this.snapshots = [issueState.initial(negotiation, issue, '', '')];
  }

  static for(history: EventHistory, negotiation: string, issue: string, knownAt: string, previous?: IssueStateIndex): IssueStateIndex {
    if (previous && previous.version === history.version) return previous;
    const view = history.known(knownAt);
    const from = previous && history.changedSince(previous.version, previous.events);
    if (previous && from !== undefined && view === previous.events) {
      previous.snapshots.length = Math.min(previous.snapshots.length, Math.floor(from / SNAPSHOT_EVERY) + 1);
      previous.states.length = Math.min(previous.states.length, from + 1);
      previous.version = history.version;
      return previous;
    }
    return new IssueStateIndex(history.version, view, negotiation, issue);
  }

  stateAt(asOf: string, knownAt: string): IssueState {
    const counted = countCountedBy(this.events, asOf, (e) => e.countsFrom);
    const slot = Math.floor(counted / SNAPSHOT_EVERY);
    while (this.snapshots.length <= slot) {
      const from = (this.snapshots.length - 1) * SNAPSHOT_EVERY;
      this.snapshots.push(this.fold(this.snapshots[this.snapshots.length - 1], from, from + SNAPSHOT_EVERY));
    }
    const state = (this.states[counted] ??= this.fold(this.snapshots[slot], slot * SNAPSHOT_EVERY, counted));
    return { ...state, asOf, knownAt };
  }

  private fold(state: IssueState, from: number, to: number): IssueState {
    for (let i = from; i < to; i++) state = issueState.evolve(state, this.events[i]);
    return state;
  }
}
