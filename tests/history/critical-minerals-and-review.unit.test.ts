import { issueStateAt, negotiationOverview } from '../../projections';
import { bundledHistory, KNOWN_AT } from './bundled-history';

describe('given the bundled history, when the 2026 critical-minerals plan and the USMCA review are asked about', () => {
  const history = bundledHistory();
  const overview = (negotiation: string, asOf: string) => negotiationOverview(history, { negotiation, asOf, knownAt: KNOWN_AT });

  it('then on 2026-03-01 the plan of 4 February 2026 is visible, with its parties, and its 60 days are ahead', () => {
    const plan = overview('us-mexico-critical-minerals', '2026-03-01');
    expect(plan.title).toBe('US–Mexico coordinated trade policies for critical minerals (60-day action plan)');
    expect(plan.eventCount).toBeGreaterThan(0);
    expect(plan.deadlinesAhead.map((d) => [d.deadline, d.eventId])).toEqual([['2026-04-05', 'crit-plan-60-day-horizon']]);
    const state = issueStateAt(history, { negotiation: 'us-mexico-critical-minerals', issue: 'critical-minerals', asOf: '2026-03-01', knownAt: KNOWN_AT });
    expect(state.status).toBe('agreed');
    expect(Object.keys(state.agreed ?? {}).sort()).toEqual(['joint_projects', 'price_floor_consultations']);
  });

  it('then on 2026-02-03, the day before, nothing of the plan counts yet', () => {
    expect(overview('us-mexico-critical-minerals', '2026-02-03').eventCount).toBe(0);
  });

  it('then on 2026-03-01 the joint review of 1 July 2026 is listed as ahead, and on 2026-07-02 as passed', () => {
    expect(overview('usmca-review-2026', '2026-03-01').deadlinesAhead.map((d) => [d.deadline, d.eventId])).toEqual([['2026-07-01', 'review26-mandatory-review-ahead']]);
    const after = overview('usmca-review-2026', '2026-07-02');
    expect(after.deadlinesAhead).toEqual([]);
    expect(after.deadlinesPassed.map((d) => d.deadline)).toEqual(['2026-07-01']);
  });

  it('then Vance\'s preferential trading bloc is its own initiative, not part of the US–Mexico plan', () => {
    expect(overview('us-critical-minerals-trading-bloc', '2026-03-01').title).toBe('US-led preferential trading bloc for critical minerals (announced; members not named)');
    expect(history.filter((e) => e.event.negotiation === 'us-mexico-critical-minerals' && /Vance/.test(JSON.stringify(e.event)))).toEqual([]);
  });
});
