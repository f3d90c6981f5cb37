import { Context, pendingRow, Row, Scenario } from '../harness';

/**
 * Scenario 4: point-in-time GetIssueState on one issue of 10 000 events inside the 1 000 000-event
 * store (`bigStore(context)` in ./big-store.ts builds it with exactly that hot issue: HOT_ISSUE), at
 * random asOf dates, p50/p99 cold and warm; and the same on a 10 000-event store.
 *
 * PENDING: the GetIssueState query (QueryBus, src/queries/) and its projections were being written
 * while this harness was. Replace the rows below with measured ones (`row({...})` from ../harness,
 * `interleaved` for runs, `percentile` for p50/p99) — never with invented figures.
 */
export const issueStateQueries: Scenario = {
  id: '4',
  title: 'point-in-time GetIssueState',
  async run(_context: Context): Promise<Row[]> {
    const reason = 'scenario file not written yet: GetIssueState was being built alongside this harness (bench/scenarios/04-issue-state.ts)';
    return [
      pendingRow('4', 'warm as-of p50, 10 000-event issue in 1 000 000 events', '< 1 ms', reason),
      pendingRow('4', 'warm as-of p99, 10 000-event issue in 1 000 000 events', '< 2 ms', reason),
      pendingRow('4', 'cold (first query) as-of p50/p99', '(info)', reason),
      pendingRow('4', 'as-of p50, 1 000 000-event store vs 10 000-event store', '≤ 1.5×', reason),
    ];
  },
};
