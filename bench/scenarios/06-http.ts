import { Context, pendingRow, Row, Scenario } from '../harness';

/**
 * Scenario 6: HTTP with a loopback load generator (autocannon, a devDependency): GET
 * …/issues/:issue?asOf= requests/s and p99 against the same server's /health, and POST /events
 * single-event requests/s from 32 concurrent clients against raw single-event appends (scenario 1
 * measures the store-level half of that: 32 concurrent in-process writers, group commit).
 *
 * PENDING: the HTTP layer (src/http/) was being written while this harness was. Start the app on
 * 127.0.0.1 on a temp store, run bounded autocannon rounds, and replace these rows with measured ones.
 */
export const http: Scenario = {
  id: '6',
  title: 'HTTP (autocannon, loopback)',
  async run(_context: Context): Promise<Row[]> {
    const reason = 'scenario file not written yet: the HTTP layer was being built alongside this harness (bench/scenarios/06-http.ts)';
    return [
      pendingRow('6', 'GET issue as-of requests/s vs /health', '≥ 0.5×', reason),
      pendingRow('6', 'GET issue as-of p99 over HTTP', '< 5 ms', reason),
      pendingRow('6', 'POST /events, 32 clients, durable events/s vs raw single appends', '≥ 2×', reason),
    ];
  },
};
