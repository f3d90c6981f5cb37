import { diffIssueStates, issueStateAt, replayIssue } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known, lvc, rvc, tabled } from './given';

const Q = { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', knownAt: '2026-12-31T00:00:00.000Z' };

const events = known([
  tabled('DemandTabled', 'US', '2018-05-20', [rvc(75), lvc(40)], { id: 'us-demand' }),
  tabled('OfferMade', 'MX', '2018-05-21', [rvc(70)], { id: 'mx-offer' }),
  tabled('OfferMade', 'MX', '2018-05-21', [{ metric: 'review_period_years', value: 16, unit: 'years' }], { issue: 'sunset-clause' }),
  anEvent({ id: 'mx-withdraws', type: 'PositionWithdrawn', party: 'MX', occurredAt: '2018-05-23', data: { metrics: ['regional_value_content'] } }),
  anEvent({ id: 'deal', type: 'AgreementReached', occurredAt: '2018-08-27', data: { parties: ['US', 'MX'], terms: [lvc(30)] } }),
]);
const term = (value: number, since: string, eventId: string, eventType: string) => ({ value, unit: 'percent', since, eventId, eventType });

describe('diffIssueStates', () => {
  it('lists added, changed and removed terms by party then metric, with gap and status changes', () => {
    // given
    const may20 = issueStateAt(events, { ...Q, asOf: '2018-05-20' });
    const may21 = issueStateAt(events, { ...Q, asOf: '2018-05-21' });
    const may23 = issueStateAt(events, { ...Q, asOf: '2018-05-23' });
    // when
    const opened = diffIssueStates(issueStateAt(events, { ...Q, asOf: '2018-05-01' }), may20);
    const offered = diffIssueStates(may20, may21);
    const withdrawn = diffIssueStates(may21, may23);
    // then
    expect(opened.status).toEqual({ from: 'not_raised', to: 'open' });
    expect(opened.changes.map((c) => `${c.party}.${c.metric} ${c.change}`)).toEqual([
      'US.labor_value_content added', 'US.regional_value_content added',
    ]);
    expect(offered).toEqual({
      from: '2018-05-20',
      to: '2018-05-21',
      status: null,
      changes: [{ party: 'MX', metric: 'regional_value_content', change: 'added', before: null, after: term(70, '2018-05-21', 'mx-offer', 'OfferMade') }],
      gaps: [{ metric: 'regional_value_content', before: null, after: { unit: 'percent', min: 70, max: 75, spread: 5, low: ['MX'], high: ['US'] } }],
      agreed: [],
    });
    expect(withdrawn.changes).toEqual([
      { party: 'MX', metric: 'regional_value_content', change: 'removed', before: term(70, '2018-05-21', 'mx-offer', 'OfferMade'), after: null },
    ]);
    expect(withdrawn.gaps.map((g) => [g.metric, g.after])).toEqual([['regional_value_content', null]]);
  });

  it('is empty between equal states', () => {
    // given
    const state = issueStateAt(events, { ...Q, asOf: '2018-06-01' });
    // then
    expect(diffIssueStates(state, { ...state })).toEqual({ from: '2018-06-01', to: '2018-06-01', status: null, changes: [], gaps: [], agreed: [] });
  });
});

describe('replayIssue', () => {
  it('steps through every event of the issue, each state asOf its day, each diff from the state before', () => {
    // when
    const steps = replayIssue(events, Q);
    // then
    expect(steps.map((s) => s.event.event.id)).toEqual(['us-demand', 'mx-offer', 'mx-withdraws', 'deal']);
    expect(steps.map((s) => [s.diff.from, s.diff.to, s.state.asOf])).toEqual([
      ['2018-05-19', '2018-05-20', '2018-05-20'],
      ['2018-05-20', '2018-05-21', '2018-05-21'],
      ['2018-05-21', '2018-05-23', '2018-05-23'],
      ['2018-05-23', '2018-08-27', '2018-08-27'],
    ]);
    expect(steps.map((s) => s.state.eventCount)).toEqual([1, 2, 3, 4]);
    expect(steps[3].diff.status).toEqual({ from: 'open', to: 'agreed' });
    expect(steps[3].diff.agreed).toEqual([{ metric: 'labor_value_content', before: null, after: term(30, '2018-08-27', 'deal', 'AgreementReached') }]);
    expect(steps[3].diff.changes.map((c) => `${c.party}.${c.metric} ${c.change}`)).toEqual([
      'MX.labor_value_content added', 'US.labor_value_content changed',
    ]);
  });

  it('agrees with issueStateAt at every step', () => {
    // when
    const steps = replayIssue(events, Q);
    // then
    for (const step of steps) expect(step.state).toEqual(issueStateAt(events, { ...Q, asOf: step.state.asOf }));
  });

  it('folds events before `from` silently and stops after `to`', () => {
    // when
    const steps = replayIssue(events, { ...Q, from: '2018-05-21', to: '2018-05-31' });
    // then
    expect(steps.map((s) => s.event.event.id)).toEqual(['mx-offer', 'mx-withdraws']);
    expect(steps[0].diff.from).toBe('2018-05-20');
    expect(steps[0].state.positions.US.regional_value_content.value).toBe(75);
    expect(steps[0].diff.changes.map((c) => c.party)).toEqual(['MX']);
  });

  it('is empty when no event of the issue falls in the range', () => {
    // then
    expect(replayIssue(events, { ...Q, from: '2019-01-01' })).toEqual([]);
  });
});
