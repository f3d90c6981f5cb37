import { CORRECTION_EVENT_TYPES, EventType, ParleyEvent } from '../../events';
import { EventFilter, matchesFilter } from '../store/event-store.port';

/**
 * A slice of the log that a query folds: read through indexed filters, never by scanning the
 * store. Corrections ride along so that bitemporal answers can apply them.
 */
export interface HistorySlice {
  key: string;
  filters: readonly EventFilter[];
}

export const sliceContains = (slice: HistorySlice, event: ParleyEvent): boolean =>
  slice.filters.some((filter) => matchesFilter(event, filter));

export const issueSlice = (negotiation: string, issue: string): HistorySlice => ({
  key: `issue:${negotiation}/${issue}`,
  filters: [{ negotiation, issue }, { negotiation, types: CORRECTION_EVENT_TYPES }],
});

export const negotiationSlice = (negotiation: string): HistorySlice => ({
  key: `negotiation:${negotiation}`,
  filters: [{ negotiation }],
});

export const MEASURE_EVENT_TYPES: readonly EventType[] = [
  'TariffAnnounced', 'TariffImposed', 'TariffLifted', 'ExemptionGranted', 'ProbeLaunched', 'ProbeConcluded',
];

/** Tariffs, exemptions and probes across every negotiation. */
export const measuresSlice = (): HistorySlice => ({
  key: 'measures',
  filters: [{ types: MEASURE_EVENT_TYPES }, { types: CORRECTION_EVENT_TYPES }],
});

/** Every negotiation's launch (title, parties, agreement), with the corrections that may amend one. */
export const launchesSlice = (): HistorySlice => ({
  key: 'launches',
  filters: [{ types: ['NegotiationLaunched'] }, { types: CORRECTION_EVENT_TYPES }],
});

/** Deadlines across every negotiation, with the corrections that may move one. */
export const deadlinesSlice = (): HistorySlice => ({
  key: 'deadlines',
  filters: [{ types: ['DeadlineSet'] }, { types: CORRECTION_EVENT_TYPES }],
});
