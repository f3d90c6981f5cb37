import { bodyOf, eventCountsFrom, StoredEvent } from '../../events';
import { countCountedBy, EffectiveEvent, EventLookup, eventLookup, growingLookup, isCorrectionEvent, knownAtBound, resolveKnowledge } from '../../projections';

/**
 * The stored events of one slice in position order, with the latest-knowledge view resolved once.
 * A new event at the end of the log that is not a correction is placed into that view in valid time
 * (it has the highest position, so it goes after every event counting from the same day or earlier);
 * anything else — a correction, a retraction, an event arriving out of position order — resolves
 * the view afresh. "Known at" a past moment is resolved on demand.
 */
export class EventHistory {
  private readonly events: StoredEvent[] = [];
  private latest?: EffectiveEvent[];
  /** Ids and many-day windows of the latest view, kept in step with it (answers need them per query). */
  private latestLookup?: ReturnType<typeof growingLookup>;
  private lastRecordedAt = '';
  /** Where the latest view changed (lowest valid-time index), by version, since it was last resolved. */
  private changes: { version: number; from: number }[] = [];
  /** Bumped whenever the history changes, so derived indexes know what to redo. */
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
    const atEnd = !last || last.position < event.position;
    if (atEnd) this.events.push(event);
    else if (this.has(event.position)) return;
    else this.events.splice(this.insertionPoint(event.position), 0, event);
    if (event.recordedAt > this.lastRecordedAt) this.lastRecordedAt = event.recordedAt;
    this.version++;
    if (this.latest && atEnd && !isCorrectionEvent(event)) {
      const entry: EffectiveEvent = { event: bodyOf(event), position: event.position, recordedAt: event.recordedAt, countsFrom: eventCountsFrom(event) };
      const at = countCountedBy(this.latest, entry.countsFrom, (e) => e.countsFrom);
      this.latest.splice(at, 0, entry);
      this.latestLookup?.add(entry);
      this.changes.push({ version: this.version, from: at });
    } else {
      this.latest = undefined;
      this.latestLookup = undefined;
      this.changes = [];
    }
  }

  /**
   * The lowest valid-time index of the latest view that changed after `version`, if that view is
   * still the one resolved then (undefined: it was resolved afresh, start over).
   */
  changedSince(version: number, view: readonly EffectiveEvent[]): number | undefined {
    if (view !== this.latest) return undefined;
    if (version < this.version - this.changes.length) return undefined;
    return this.changes.filter((c) => c.version > version).reduce((low, c) => Math.min(low, c.from), Number.POSITIVE_INFINITY);
  }

  /** True when `knownAt` sees every event of the slice, i.e. the cached latest view applies. */
  isLatest(knownAt: string): boolean {
    return knownAtBound(knownAt) >= this.lastRecordedAt;
  }

  known(knownAt: string): EffectiveEvent[] {
    if (!this.isLatest(knownAt)) return resolveKnowledge(this.events, knownAt);
    return (this.latest ??= resolveKnowledge(this.events, knownAt));
  }

  /** A lookup over what `known(knownAt)` returns: kept current for the latest knowledge, built afresh for the past. */
  lookup(knownAt: string): EventLookup {
    if (!this.isLatest(knownAt)) return eventLookup(this.known(knownAt));
    return (this.latestLookup ??= growingLookup(this.known(knownAt)));
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
