import { issueState, IssueState, issueStateAt, resolveKnowledge } from '../../projections';
import { anEvent } from '../support/event-builders';
import { deepFreeze, known, lvc, recordedAt, rvc, stored, tabled } from './given';

const NAFTA = { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', knownAt: '2026-12-31T00:00:00.000Z' };
const at = (asOf: string) => ({ ...NAFTA, asOf });

describe('issueStateAt', () => {
  it('is not_raised, with nothing held, before any event of the issue', () => {
    // given
    const events = known([tabled('OfferMade', 'MX', '2018-05-24', [rvc(70)])]);
    // when
    const state = issueStateAt(events, at('2018-05-23'));
    // then
    expect(state).toEqual({
      negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf: '2018-05-23', knownAt: NAFTA.knownAt,
      status: 'not_raised', positions: {}, gaps: {}, agreed: null, eventCount: 0, lastEventAt: null,
    });
  });

  it('gives each party its latest term per metric, with the gap between them', () => {
    // given
    const events = known([
      tabled('DemandTabled', 'US', '2018-05-20', [rvc(75), lvc(40)], { id: 'us-demand' }),
      tabled('CounterofferMade', 'MX', '2018-05-24', [rvc(70)], { id: 'mx-counter' }),
    ]);
    // when
    const state = issueStateAt(events, at('2018-05-25'));
    // then
    expect(state).toEqual({
      negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf: '2018-05-25', knownAt: NAFTA.knownAt,
      status: 'open',
      positions: {
        MX: { regional_value_content: { value: 70, unit: 'percent', since: '2018-05-24', eventId: 'mx-counter', eventType: 'CounterofferMade' } },
        US: {
          labor_value_content: { value: 40, unit: 'percent', since: '2018-05-20', eventId: 'us-demand', eventType: 'DemandTabled' },
          regional_value_content: { value: 75, unit: 'percent', since: '2018-05-20', eventId: 'us-demand', eventType: 'DemandTabled' },
        },
      },
      gaps: { regional_value_content: { unit: 'percent', min: 70, max: 75, spread: 5, low: ['MX'], high: ['US'] } },
      agreed: null,
      eventCount: 2,
      lastEventAt: '2018-05-24',
    });
  });

  it('keeps a party\'s other metrics when a later offer moves one of them', () => {
    // given
    const events = known([
      tabled('DemandTabled', 'US', '2018-05-20', [rvc(75), lvc(40)]),
      tabled('OfferMade', 'US', '2018-05-22', [rvc(72.5)], { id: 'us-moves' }),
    ]);
    // when
    const { positions } = issueStateAt(events, at('2018-05-25'));
    // then
    expect(positions.US.regional_value_content).toEqual({ value: 72.5, unit: 'percent', since: '2018-05-22', eventId: 'us-moves', eventType: 'OfferMade' });
    expect(positions.US.labor_value_content.value).toBe(40);
  });

  it('keeps text for qualitative terms and value+unit (never text) for numeric ones: clean JSON', () => {
    // given: the catalog allows a numeric term to carry a text too
    const events = known([
      tabled('DemandTabled', 'US', '2018-01-29', [
        { metric: 'us_content', value: 50, unit: 'percent', text: '50 percent U.S. content' },
        { metric: 'regional_value_content', text: 'higher' },
      ], { id: 'us-demand' }),
    ]);
    // when
    const state = issueStateAt(events, at('2018-01-29'));
    // then
    expect(state.positions.US).toEqual({
      regional_value_content: { text: 'higher', since: '2018-01-29', eventId: 'us-demand', eventType: 'DemandTabled' },
      us_content: { value: 50, unit: 'percent', since: '2018-01-29', eventId: 'us-demand', eventType: 'DemandTabled' },
    });
    expect(JSON.stringify(state.positions.US.us_content)).toBe(
      '{"value":50,"unit":"percent","since":"2018-01-29","eventId":"us-demand","eventType":"DemandTabled"}',
    );
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  });

  it('counts an event dated to a month only from the month\'s last day, keeping its date as written', () => {
    // given
    const events = known([tabled('OfferMade', 'MX', '2018-05', [rvc(70)], { id: 'mx-may' })]);
    // when
    const may30 = issueStateAt(events, at('2018-05-30'));
    const may31 = issueStateAt(events, at('2018-05-31'));
    // then
    expect(may30.status).toBe('not_raised');
    expect(may30.positions).toEqual({});
    expect(may31.status).toBe('open');
    expect(may31.positions.MX.regional_value_content.since).toBe('2018-05');
    expect(may31.lastEventAt).toBe('2018-05');
  });

  it('counts an event dated to a year only from December 31st', () => {
    // given
    const events = known([tabled('DemandTabled', 'US', '2017', [{ metric: 'us_content', text: 'some national content' }])]);
    // when / then
    expect(issueStateAt(events, at('2017-12-30')).eventCount).toBe(0);
    expect(issueStateAt(events, at('2017-12-31')).positions.US.us_content.since).toBe('2017');
  });

  it('changes an earlier as-of answer once a back-dated event becomes known', () => {
    // given: the US demand happened on 05-10 but was only recorded in March 2026
    const history = stored([
      tabled('OfferMade', 'MX', '2018-05-24', [rvc(70)]),
      recordedAt('2026-03-01T00:00:00.000Z', tabled('DemandTabled', 'US', '2018-05-10', [rvc(75)], { id: 'late-news' })),
    ]);
    // when
    const before = issueStateAt(resolveKnowledge(history, '2026-02-01T00:00:00.000Z'), at('2018-05-20'));
    const after = issueStateAt(resolveKnowledge(history, '2026-03-01T00:00:00.000Z'), at('2018-05-20'));
    // then
    expect(before.status).toBe('not_raised');
    expect(before.positions).toEqual({});
    expect(after.status).toBe('open');
    expect(after.positions).toEqual({
      US: { regional_value_content: { value: 75, unit: 'percent', since: '2018-05-10', eventId: 'late-news', eventType: 'DemandTabled' } },
    });
  });

  it('answers with the corrected term once the correction is known', () => {
    // given
    const history = stored([
      tabled('OfferMade', 'MX', '2018-05-24', [rvc(70)], { id: 'mx-offer' }),
      recordedAt('2026-02-01T00:00:00.000Z', anEvent({
        id: 'fix', type: 'EventCorrected', occurredAt: '2026-02-01',
        data: { corrects: 'mx-offer', replacement: { type: 'OfferMade', negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', party: 'MX', occurredAt: '2018-05-24', data: { terms: [rvc(65)] } } },
      })),
      recordedAt('2026-03-01T00:00:00.000Z', anEvent({ id: 'drop', type: 'EventRetracted', occurredAt: '2026-03-01', data: { retracts: 'mx-offer', reason: 'never made' } })),
    ]);
    const rvcOf = (knownAt: string) =>
      issueStateAt(resolveKnowledge(history, knownAt), { ...at('2018-05-25'), knownAt }).positions.MX?.regional_value_content.value;
    // then
    expect(rvcOf('2026-01-15T00:00:00.000Z')).toBe(70);
    expect(rvcOf('2026-02-15T00:00:00.000Z')).toBe(65);
    expect(rvcOf('2026-03-15T00:00:00.000Z')).toBeUndefined();
  });

  it('drops withdrawn metrics, and a party left with none', () => {
    // given
    const withdraw = (party: string, metrics: string[], occurredAt: string) =>
      anEvent({ type: 'PositionWithdrawn', party, occurredAt, data: { metrics } });
    const events = known([
      tabled('DemandTabled', 'US', '2018-05-20', [rvc(75), lvc(40)]),
      tabled('OfferMade', 'MX', '2018-05-21', [rvc(70)]),
      withdraw('US', ['regional_value_content'], '2018-05-22'),
      withdraw('MX', ['regional_value_content'], '2018-05-23'),
    ]);
    // when
    const may22 = issueStateAt(events, at('2018-05-22'));
    const may23 = issueStateAt(events, at('2018-05-23'));
    // then
    expect(Object.keys(may22.positions.US)).toEqual(['labor_value_content']);
    expect(may22.gaps).toEqual({});
    expect(Object.keys(may23.positions)).toEqual(['US']);
    expect(may23.eventCount).toBe(4);
  });

  it('counts a rejection (and any other event of the issue) without moving a position', () => {
    // given
    const events = known([
      anEvent({ type: 'StatementIssued', party: 'MX', occurredAt: '2017', data: { speaker: 'officials', quote: 'rules matter' } }),
      tabled('OfferMade', 'CA', '2018-01-29', [rvc(62.5)], { id: 'ca-offer' }),
      anEvent({ type: 'ProposalRejected', party: 'US', occurredAt: '2018-01-30', data: { respondsTo: 'ca-offer', reason: 'less content' } }),
      anEvent({ type: 'StatementIssued', issue: 'sunset-clause', party: 'US', occurredAt: '2018-01-30', data: { speaker: 'USTR', quote: 'five years' } }),
    ]);
    // when
    const statementOnly = issueStateAt(events, at('2018-01-01'));
    const afterRejection = issueStateAt(events, at('2018-02-01'));
    // then
    expect(statementOnly.status).toBe('open');
    expect(statementOnly.eventCount).toBe(1);
    expect(afterRejection.positions).toEqual({
      CA: { regional_value_content: { value: 62.5, unit: 'percent', since: '2018-01-29', eventId: 'ca-offer', eventType: 'OfferMade' } },
    });
    expect(afterRejection.eventCount).toBe(3);
    expect(afterRejection.lastEventAt).toBe('2018-01-30');
  });

  it('records an agreement, aligns the parties to it, and reopens on a later offer while keeping what was agreed', () => {
    // given
    const events = known([
      tabled('DemandTabled', 'US', '2018-05-20', [rvc(75), lvc(40)]),
      tabled('OfferMade', 'MX', '2018-05-21', [rvc(70), lvc(20)]),
      anEvent({ id: 'deal', type: 'AgreementReached', party: undefined, occurredAt: '2018-08-27', data: { parties: ['US', 'MX'], terms: [rvc(75)] } }),
      tabled('OfferMade', 'MX', '2018-09-01', [lvc(30)], { id: 'mx-reopens' }),
    ]);
    const agreedRvc = { value: 75, unit: 'percent', since: '2018-08-27', eventId: 'deal', eventType: 'AgreementReached' };
    // when
    const agreed = issueStateAt(events, at('2018-08-27'));
    const reopened = issueStateAt(events, at('2018-09-01'));
    // then
    expect(agreed.status).toBe('agreed');
    expect(agreed.agreed).toEqual({ regional_value_content: agreedRvc });
    expect(agreed.positions.US.regional_value_content).toEqual(agreedRvc);
    expect(agreed.positions.MX.regional_value_content).toEqual(agreedRvc);
    expect(agreed.positions.MX.labor_value_content.value).toBe(20);
    expect(agreed.gaps.regional_value_content).toEqual({ unit: 'percent', min: 75, max: 75, spread: 0, low: ['MX', 'US'], high: ['MX', 'US'] });
    expect(reopened.status).toBe('open');
    expect(reopened.agreed).toEqual({ regional_value_content: agreedRvc });
    expect(reopened.positions.MX.labor_value_content.eventId).toBe('mx-reopens');
  });

  it('accumulates the terms of several agreements on one issue, metric by metric', () => {
    // given
    const agreement = (id: string, terms: object[]) =>
      anEvent({ id, type: 'AgreementReached', party: undefined, occurredAt: '2026', data: { parties: ['US', 'MX'], terms } });
    const events = known([
      agreement('floors', [{ metric: 'price_floor', text: 'consult on price floors' }]),
      agreement('projects', [{ metric: 'joint_projects', text: 'identify projects' }]),
    ]);
    // when
    const state = issueStateAt(events, at('2026-12-31'));
    // then
    expect(state.agreed).toEqual({
      joint_projects: { text: 'identify projects', since: '2026', eventId: 'projects', eventType: 'AgreementReached' },
      price_floor: { text: 'consult on price floors', since: '2026', eventId: 'floors', eventType: 'AgreementReached' },
    });
  });
});

describe('gaps', () => {
  const gapsOf = (...offers: Array<[string, object]>) =>
    issueStateAt(known(offers.map(([party, term], i) => tabled('OfferMade', party, `2018-05-${10 + i}`, [term as never]))), at('2018-06-01')).gaps;

  it('lists every party at an end when parties tie', () => {
    // then
    expect(gapsOf(['US', rvc(75)], ['CA', rvc(75)], ['MX', rvc(70)])).toEqual({
      regional_value_content: { unit: 'percent', min: 70, max: 75, spread: 5, low: ['MX'], high: ['CA', 'US'] },
    });
  });

  it('rounds float noise out of the spread', () => {
    // then
    expect(gapsOf(['US', rvc(0.3)], ['MX', rvc(0.1)]).regional_value_content.spread).toBe(0.2);
    expect(gapsOf(['US', rvc(62.3)], ['MX', rvc(62)]).regional_value_content.spread).toBe(0.3);
  });

  it('has no gap for a metric held by one party, or held in different units', () => {
    // given
    const wage = (value: number, unit: string) => ({ metric: 'hourly_wage', value, unit });
    // then
    expect(gapsOf(['US', rvc(75)])).toEqual({});
    expect(gapsOf(['US', wage(16, 'usd_per_hour')], ['MX', wage(300, 'mxn_per_hour')])).toEqual({});
  });

  it('ignores qualitative terms on a metric (the numeric holders still make a gap)', () => {
    // then
    expect(gapsOf(['US', rvc(75)], ['CA', { metric: 'regional_value_content', text: 'compromise' }], ['MX', rvc(70)])).toEqual({
      regional_value_content: { unit: 'percent', min: 70, max: 75, spread: 5, low: ['MX'], high: ['US'] },
    });
  });
});

describe('issueState.evolve', () => {
  const [usDemand, mxOffer, otherIssue] = known([
    tabled('DemandTabled', 'US', '2018-05-20', [rvc(75), lvc(40)]),
    tabled('OfferMade', 'MX', '2018-05-21', [rvc(70)]),
    tabled('OfferMade', 'MX', '2018-05-22', [{ metric: 'review_period_years', value: 16, unit: 'years' }], { issue: 'sunset-clause' }),
  ]);
  const start = (): IssueState => issueState.evolve(issueState.initial(NAFTA.negotiation, NAFTA.issue, '2018-06-01', NAFTA.knownAt), usDemand);

  it('never mutates the state it is given, and copies only what the event touches', () => {
    // given
    const before = deepFreeze(start());
    const snapshot = JSON.stringify(before);
    // when
    const after = issueState.evolve(before, mxOffer);
    // then
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(after).not.toBe(before);
    expect(after.positions.US).toBe(before.positions.US);
    expect(Object.keys(after.positions)).toEqual(['MX', 'US']);
    expect(after.gaps.regional_value_content.spread).toBe(5);
  });

  it('leaves every earlier snapshot untouched through demands, withdrawals, rejections and agreements', () => {
    // given: each state is frozen before the next event is folded into it
    const events = known([
      tabled('DemandTabled', 'US', '2018-05-20', [rvc(75), lvc(40)]),
      tabled('OfferMade', 'MX', '2018-05-21', [rvc(70), lvc(20)]),
      anEvent({ type: 'ProposalRejected', party: 'US', occurredAt: '2018-05-22', data: { respondsTo: 'x' } }),
      anEvent({ type: 'PositionWithdrawn', party: 'MX', occurredAt: '2018-05-23', data: { metrics: ['labor_value_content'] } }),
      anEvent({ type: 'AgreementReached', occurredAt: '2018-08-27', data: { parties: ['US', 'MX'], terms: [rvc(75)] } }),
      tabled('CounterofferMade', 'MX', '2018-09-01', [rvc(72)]),
    ]);
    const snapshots: Array<[IssueState, string]> = [];
    let state = issueState.initial(NAFTA.negotiation, NAFTA.issue, '2018-12-31', NAFTA.knownAt);
    // when
    for (const event of events) {
      snapshots.push([deepFreeze(state), JSON.stringify(state)]);
      state = issueState.evolve(state, event);
    }
    // then
    for (const [snapshot, json] of snapshots) expect(JSON.stringify(snapshot)).toBe(json);
    expect(snapshots.map(([s]) => `${s.status}/${s.eventCount}`)).toEqual(['not_raised/0', 'open/1', 'open/2', 'open/3', 'open/4', 'agreed/5']);
    expect(state).toEqual(issueStateAt(events, at('2018-12-31')));
  });

  it('returns the very same state for an event of another issue', () => {
    // given
    const before = start();
    // then
    expect(issueState.evolve(before, otherIssue)).toBe(before);
  });
});

describe('the bundled NAFTA history', () => {
  it('has the standing auto rules-of-origin positions of 2018-05-24', () => {
    // given
    const lines = require('node:fs')
      .readFileSync(require('node:path').join(__dirname, '../../events/history/nafta-renegotiation.ndjson'), 'utf8')
      .split('\n')
      .filter((line: string) => line.trim() !== '');
    const history = stored(lines.map((line: string) => anEvent(JSON.parse(line))));
    // when
    const state = issueStateAt(resolveKnowledge(history, '2026-01-01T00:00:00.000Z'), {
      negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf: '2018-05-25', knownAt: '2026-01-01T00:00:00.000Z',
    });
    const numbers = (party: string) =>
      Object.fromEntries(Object.entries(state.positions[party]).filter(([, t]) => t.value !== undefined).map(([m, t]) => [m, `${t.value} ${t.unit}`]));
    // then
    expect(state.status).toBe('open');
    expect(numbers('US')).toEqual({
      labor_value_content: '40 percent', labor_wage_floor: '16 usd_per_hour', 'regional_value_content@high-value-parts': '75 percent',
    });
    // The 50 % U.S.-content demand of January was dropped in March 2018 (public record, in the bundled history since v2).
    expect(state.positions.US.us_content).toBeUndefined();
    expect(numbers('MX')).toEqual({ labor_value_content: '20 percent', 'regional_value_content@whole-vehicle': '70 percent' });
    expect(state.positions.US['regional_value_content@high-value-parts'].eventId).toBe('nafta-2018-05-24-us-offer-rvc-75');
    // 75 % of high-value parts and 70 % of the whole vehicle are different measures: no gap between them.
    expect(Object.keys(state.gaps).filter((key) => key.startsWith('regional_value_content'))).toEqual([]);
    expect(state.gaps.labor_value_content).toEqual({ unit: 'percent', min: 20, max: 40, spread: 20, low: ['MX'], high: ['US'] });
    expect(state.lastEventAt).toBe('2018-05-24');
  });
});
