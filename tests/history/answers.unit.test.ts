import {
  answerIssueState, answerNegotiation, atLeastAsConfident, issueStateAt, negotiationOverview, tariffsInForce,
} from '../../projections';
import { Confidence } from '../../events';
import { bundledHistory, KNOWN_AT } from './bundled-history';

/** The bundled history through issue 11's answers: scopes, provenance, phase-in steps, parties and other actors. */
const history = bundledHistory();

const issueAnswer = (negotiation: string, issue: string, asOf: string, minConfidence: Confidence | null = null) => {
  const events = minConfidence === null ? history : atLeastAsConfident(history, minConfidence);
  return answerIssueState(issueStateAt(events, { negotiation, issue, asOf, knownAt: KNOWN_AT }), events, minConfidence);
};
const autoRules = (asOf: string, minConfidence: Confidence | null = null) =>
  issueAnswer('nafta-renegotiation', 'auto-rules-of-origin', asOf, minConfidence);
const negotiation = (name: string, asOf: string) =>
  answerNegotiation(negotiationOverview(history, { negotiation: name, asOf, knownAt: KNOWN_AT }), history);

describe('given the bundled NAFTA history, when the auto rules of origin are answered', () => {
  it('then on 2018-05-25 the US and Mexico regional value content terms keep their scopes and are not compared as one gap', () => {
    const answer = autoRules('2018-05-25');
    expect(answer.positions.US['regional_value_content@high-value-parts']).toMatchObject({
      value: 75, unit: 'percent', scope: 'high-value-parts', text: '75 percent for high-value parts',
    });
    expect(answer.positions.MX['regional_value_content@whole-vehicle']).toMatchObject({
      value: 70, unit: 'percent', scope: 'whole-vehicle', text: '70 percent of overall content of a vehicle made in North America from the region',
    });
    expect(Object.keys(answer.gaps).filter((key) => key.startsWith('regional_value_content'))).toEqual([]);
    expect(answer.gaps.labor_value_content).toMatchObject({ min: 20, max: 40, low: ['MX'], high: ['US'] });
  });

  it('then on 2018-05-25 every May 2018 figure shows reported, with its source and quote', () => {
    const answer = autoRules('2018-05-25');
    const may = Object.values(answer.positions).flatMap((terms) => Object.values(terms)).filter((t) => t.value !== undefined && t.since.includes('2018-05'));
    expect(may.length).toBe(5); // US 40 %, $16, 75 %; Mexico 20 %, 70 %
    for (const term of may) {
      expect(term.confidence).toBe('reported');
      expect(term.source).toMatchObject({ publisher: 'Reuters', document: '000_3f9adb5ce6b3ea5f.txt', publishedAt: '2018-05-24' });
    }
  });

  it('then with minConfidence confirmed the May 2018 figures are left out, and the confirmed January demand stands alone (its withdrawal is only reported)', () => {
    const answer = autoRules('2018-05-25', 'confirmed');
    expect(answer.minConfidence).toBe('confirmed');
    expect(answer.positions.MX).toBeUndefined();
    expect(Object.keys(answer.positions.US).sort()).toEqual(['regional_value_content', 'us_content']);
    expect(answer.positions.US.regional_value_content).toMatchObject({ text: 'higher (boost regional auto content requirements)', confidence: 'confirmed' });
  });

  it('then on 2018-05-20 Mexico\'s "recent days" 20 % offer is possibly made by then, not yet counted', () => {
    const answer = autoRules('2018-05-20');
    expect(answer.positions.MX?.labor_value_content).toBeUndefined();
    expect(answer.possible).toEqual([
      expect.objectContaining({ eventId: 'nafta-2018-05-24-mx-counter-lvc-20', party: 'MX', metric: 'labor_value_content', window: { from: '2018-05-17', to: '2018-05-24' }, confidence: 'reported' }),
    ]);
  });

  it('then the agreed 75 % carries its phase-in: no step before 1 July 2020, 69 % on 2022-01-01, 75 % from 1 July 2023', () => {
    const key = 'regional_value_content@whole-vehicle';
    expect(autoRules('2018-12-01').agreed?.[key]).toMatchObject({ value: 75, unit: 'percent', inForce: null, eventId: 'nafta-2018-11-30-usmca-signed', confidence: 'confirmed' });
    expect(autoRules('2022-01-01').agreed?.[key]?.inForce).toEqual({ value: 69, from: '2021-07-01' });
    expect(autoRules('2023-07-01').agreed?.[key]?.inForce).toEqual({ value: 75, from: '2023-07-01' });
    expect(autoRules('2022-01-01').agreed?.[key]?.schedule?.map((s) => s.value)).toEqual([66, 69, 72, 75]);
  });
});

describe('given the bundled history, when negotiations are answered', () => {
  it('then NAFTA\'s parties are the three states its launch names, and commentators are other actors', () => {
    const nafta = negotiation('nafta-renegotiation', '2018-05-25');
    expect(nafta.parties).toEqual(['CA', 'MX', 'US']);
    expect(nafta.otherActors).toEqual(['andres-rozental', 'canieti', 'cce', 'former-mexican-official', 'jaime-serra']);
  });

  it('then the 2025 talks have Mexico and the US as parties and the steelworker, associations and think tanks as other actors (once their window has ended)', () => {
    const talks = negotiation('steel-aluminum-talks-2025', '2026-01-01');
    expect(talks.parties).toEqual(['MX', 'US']);
    expect(talks.otherActors).toEqual(['arturo-mendoza', 'brookings-institution', 'canacero', 'mexican-labor-unions', 'volkswagen-mexico', 'wilson-center']);
    // The undated article's events may have happened from Sheinbaum's inauguration on and count only from the end of
    // 2025; by mid-2025 only the public record counts (the 25 % tariffs of 12 March, Sheinbaum's words of 22 May).
    const mid2025 = negotiation('steel-aluminum-talks-2025', '2025-06-01');
    expect(mid2025.eventCount).toBe(3);
    expect(mid2025.latestStatements.MX).toMatchObject({ occurredAt: '2025-05-22', confidence: 'confirmed' });
    expect(mid2025.possible.length).toBe(18);
    expect(new Set(mid2025.possible.map((p) => p.confidence))).toEqual(new Set(['unconfirmed']));
  });

  it('then Canada speaks in the US–Mexico critical-minerals plan as another actor, not a party', () => {
    const plan = negotiation('us-mexico-critical-minerals', '2026-03-01');
    expect(plan.parties).toEqual(['MX', 'US']);
    expect(plan.otherActors).toEqual(['CA']);
    expect(plan.latestStatements.CA).toMatchObject({ speaker: 'Tim Hodgson, Canadian Natural Resources Minister (reported speech)' });
  });

  it('then on 2026-03-01 the 1 July 2026 joint review is ahead, with day precision and its public-record source', () => {
    const review = negotiation('usmca-review-2026', '2026-03-01');
    expect(review.parties).toEqual(['CA', 'MX', 'US']);
    expect(review.deadlinesAhead).toEqual([
      expect.objectContaining({ deadline: '2026-07-01', precision: 'day', confidence: 'confirmed', eventId: 'review26-mandatory-review-ahead' }),
    ]);
    expect(review.deadlinesAhead[0].source).toMatchObject({ publisher: 'Cassidy Levy Kent', url: expect.stringContaining('cassidylevy.com') });
  });

  it('then on 2018-05-25 each NAFTA party\'s latest word is its latest statement of 24 May', () => {
    const nafta = negotiation('nafta-renegotiation', '2018-05-25');
    expect(Object.fromEntries(Object.entries(nafta.latestStatements).filter(([p]) => ['CA', 'MX', 'US'].includes(p)).map(([p, s]) => [p, s.occurredAt]))).toEqual({
      CA: '2018-05-24', MX: '2018-05-24', US: '2018-05-24',
    });
  });
});

describe('given the bundled history, when tariff lines are answered', () => {
  it('then the 2018 lines carry the public record as their provenance', () => {
    const lines = tariffsInForce(history, { asOf: '2018-06-15', knownAt: KNOWN_AT, target: 'MX' }).inForce;
    const ids = new Set(lines.map((l) => l.eventId));
    const events = history.filter((e) => ids.has(e.event.id)).map((e) => e.event);
    expect(events.map((e) => [e.confidence, e.source?.url])).toEqual([
      ['confirmed', 'https://www.cmtradelaw.com/2018/06/u-s-allies-release-lists-of-retaliation-tariffs-on-american-exports/'],
      ['confirmed', 'https://www.cmtradelaw.com/2018/06/u-s-allies-release-lists-of-retaliation-tariffs-on-american-exports/'],
    ]);
  });
});
