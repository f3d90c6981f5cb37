import { issueStateAt, IssueState, PositionTerm } from '../../projections';
import { bundledHistory, KNOWN_AT } from './bundled-history';

const history = bundledHistory();
const autoRules = (asOf: string): IssueState =>
  issueStateAt(history, { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf, knownAt: KNOWN_AT });

/** The terms under a metric, scoped or not, with their keys ("regional_value_content@whole-vehicle"). */
const onMetric = (terms: Record<string, PositionTerm> | null | undefined, metric: string): Array<[string, PositionTerm]> =>
  Object.entries(terms ?? {}).filter(([key]) => key === metric || key.startsWith(`${metric}@`));

describe('given the bundled NAFTA history, when the auto rules of origin are asked as of a day', () => {
  it('then on 2018-12-01 the issue is agreed at 75 % regional value content, resting on the USMCA signed on 30 November 2018', () => {
    const state = autoRules('2018-12-01');
    expect(state.status).toBe('agreed');
    const agreedRvc = onMetric(state.agreed, 'regional_value_content');
    expect(agreedRvc.map(([key, t]) => [key, t.value, t.unit, t.eventId])).toEqual([['regional_value_content@whole-vehicle', 75, 'percent', 'nafta-2018-11-30-usmca-signed']]);
  });

  it('then the agreement grows with the record: US–Mexico on 27 August 2018, with Canada on 30 September, signed on 30 November', () => {
    expect(autoRules('2018-08-26').status).toBe('open');
    const byDay = ['2018-08-27', '2018-09-30', '2018-11-30'].map((day) => {
      const state = autoRules(day);
      return [day, state.status, onMetric(state.agreed, 'regional_value_content').map(([, t]) => t.eventId)];
    });
    expect(byDay).toEqual([
      ['2018-08-27', 'agreed', ['nafta-2018-08-27-us-mx-understanding-autos']],
      ['2018-09-30', 'agreed', ['nafta-2018-09-30-usmca-concluded']],
      ['2018-11-30', 'agreed', ['nafta-2018-11-30-usmca-signed']],
    ]);
  });

  it('then the U.S. demand for 50 % U.S. content stands from 29 January 2018 until it was dropped in the week of 12 March 2018', () => {
    expect(autoRules('2018-01-30').positions.US.us_content).toMatchObject({ value: 50, unit: 'percent', eventId: 'nafta-2018-01-29-us-demand-us-content' });
    expect(autoRules('2018-03-18').positions.US.us_content).toBeUndefined();
    expect(autoRules('2026-12-01').positions.US?.us_content).toBeUndefined();
  });

  it('then on 2018-05-25 the May figures are those of the 24 May report, and each rests on a reported event', () => {
    const state = autoRules('2018-05-25');
    expect(state.status).toBe('open');
    const numbers = (party: string) =>
      Object.values(state.positions[party]).filter((t) => t.value !== undefined).map((t) => `${t.value} ${t.unit} (${t.eventId})`).sort();
    expect(numbers('US')).toEqual([
      '16 usd_per_hour (nafta-2018-05-24-us-demand-lvc-40-16usd)',
      '40 percent (nafta-2018-05-24-us-demand-lvc-40-16usd)',
      '75 percent (nafta-2018-05-24-us-offer-rvc-75)',
    ]);
    expect(numbers('MX')).toEqual(['20 percent (nafta-2018-05-24-mx-counter-lvc-20)', '70 percent (nafta-2018-05-24-mx-counter-rvc-70)']);
    const byId = new Map(history.map((e) => [e.event.id, e.event]));
    const confidences = [...numbers('US'), ...numbers('MX')].map((line) => byId.get(/\((.*)\)/.exec(line)![1])!.confidence);
    expect(new Set(confidences)).toEqual(new Set(['reported']));
  });

  it('then Canada\'s January compromises show on sunset and dispute settlement too, as reported readings of the article', () => {
    const sunset = issueStateAt(history, { negotiation: 'nafta-renegotiation', issue: 'sunset-clause', asOf: '2018-01-30', knownAt: KNOWN_AT });
    expect(Object.keys(sunset.positions).sort()).toEqual(['CA', 'US']);
    expect(sunset.positions.CA.review_period_years).toMatchObject({ text: 'suggested compromise (details not given)', eventId: 'nafta-2018-01-29-ca-offer-sunset-compromise' });
    const disputes = issueStateAt(history, { negotiation: 'nafta-renegotiation', issue: 'dispute-settlement', asOf: '2018-01-30', knownAt: KNOWN_AT });
    expect(Object.keys(disputes.positions.US).sort()).toEqual(['investor_state', 'trade_dispute_settlement']);
  });
});
