import { StoredEvent } from '../../events';
import { EffectiveEvent, knownAtBound, resolveKnowledge } from '../../projections';

/**
 * The stored events of one slice in position order, with the latest-knowledge view resolved once
 * and reused until an event arrives; "known at" a past moment is resolved on demand.
 */
export class EventHistory {
  private readonly events: StoredEvent[] = [];
  private latest?: EffectiveEvent[];
  private lastRecordedAt = '';
  /** Bumped whenever the history changes, so derived indexes know when to rebuild. */
  version = 0;

  constructor(events: readonly StoredEvent[] = []) {
    events.forEach((event) => this.add(event));
  }

  get size(): number {
    return this.events.length;
  }

  has(position: bigint): boolean {
    return this.indexOf(position) >= 0;
  }

  add(event: StoredEvent): void {
    const last = this.events[this.events.length - 1];
    if (!last || last.position < event.position) this.events.push(event);
    else if (this.has(event.position)) return;
    else this.events.splice(this.insertionPoint(event.position), 0, event);
    if (event.recordedAt > this.lastRecordedAt) this.lastRecordedAt = event.recordedAt;
    this.latest = undefined;
    this.version++;
  }

  /** True when `knownAt` sees every event of the slice, i.e. the cached latest view applies. */
  isLatest(knownAt: string): boolean {
    return knownAtBound(knownAt) >= this.lastRecordedAt;
  }

  known(knownAt: string): EffectiveEvent[] {
    if (!this.isLatest(knownAt)) return resolveKnowledge(this.events, knownAt);
    return (this.latest ??= resolveKnowledge(this.events, knownAt));
  }

  stored(): readonly StoredEvent[] {
    return this.events;
  }

  private insertionPoint(position: bigint): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid].position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(position: bigint): number {
    const i = this.insertionPoint(position);
    return this.events[i]?.position === position ? i : -1;
  }
}
