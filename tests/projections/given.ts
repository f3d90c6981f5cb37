import { ParleyEvent, StoredEvent, Term } from '../../events';
import { EffectiveEvent, resolveKnowledge } from '../../projections';
import { anEvent } from '../support/event-builders';

/** When test events are recorded unless a test says otherwise. */
export const RECORDED = '2026-01-01T00:00:00.000Z';
export const NOW = '2026-12-31T00:00:00.000Z';

export interface Recording {
  event: ParleyEvent;
  recordedAt: string;
}

export const recordedAt = (at: string, event: ParleyEvent): Recording => ({ event, recordedAt: at });

/** Stores events in the order given: positions 1, 2, 3…, recorded at RECORDED unless wrapped in recordedAt(). */
export const stored = (items: ReadonlyArray<ParleyEvent | Recording>): StoredEvent[] =>
  items.map((item, i) => {
    const { event, recordedAt: at } = 'recordedAt' in item ? item : { event: item, recordedAt: RECORDED };
    return { ...event, position: BigInt(i + 1), streamRevision: BigInt(i), recordedAt: at };
  });

/** Stored, then resolved as known at `knownAt` (NOW by default). */
export const known = (items: ReadonlyArray<ParleyEvent | Recording>, knownAt = NOW): EffectiveEvent[] =>
  resolveKnowledge(stored(items), knownAt);


export const rvc = (value: number): Term => ({ metric: 'regional_value_content', value, unit: 'percent' });
export const lvc = (value: number): Term => ({ metric: 'labor_value_content', value, unit: 'percent' });

/** A position event on auto rules of origin in the NAFTA talks. */
export const tabled = (
  type: 'DemandTabled' | 'OfferMade' | 'CounterofferMade',
  party: string,
  occurredAt: string,
  terms: Term[],
  overrides: Record<string, unknown> = {},
): ParleyEvent =>
  anEvent({
    id: `${party}-${type}-${occurredAt}-${terms.map((t) => `${t.metric}=${t.value ?? t.text}`).join(',')}`,
    type,
    party,
    occurredAt,
    data: type === 'CounterofferMade' ? { terms, respondsTo: 'earlier-offer' } : { terms },
    ...overrides,
  });

export const ids = (events: readonly EffectiveEvent[]): string[] => events.map((e) => e.event.id);

/** Freezes a value and everything reachable from it. */
export const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
};
