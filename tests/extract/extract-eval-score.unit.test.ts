import { GoldArticle, locateQuote, scoreArticle, termsAgree, totalScore } from '../../bench/extract-eval-score';
import { Draft } from '../../src/extract/draft';

const TEXT = 'Mexico offered 70 percent.  Canada rejected it. The U.S. said nothing.';
const draft = (type: string, party: string | undefined, quote: string, extra: Record<string, unknown> = {}): Draft => {
  const start = TEXT.indexOf(quote);
  return {
    id: `d-${start}`, span: { start, end: start + quote.length }, why: ['x.y'], needsReview: [],
    event: { id: `d-${start}`, type, party, negotiation: 'n', occurredAt: '2018-05-24', confidence: 'reported', data: {}, ...extra } as unknown as Draft['event'],
  };
};
const gold: GoldArticle = {
  article: 'a.txt',
  events: [
    { type: 'OfferMade', party: 'MX', issue: 'autos', date: '2018-05-24', confidence: 'reported', terms: [{ metric: 'regional_value_content', value: 70 }], quote: 'Mexico offered 70 percent.' },
    { type: 'ProposalRejected', party: 'CA', date: '2018-05-24', confidence: 'confirmed', quote: 'Canada rejected it.' },
  ],
};

describe('scoring extraction against gold events', () => {
  it('given drafts of the right type and party over the gold span, then they match; a wrong party or a span elsewhere does not', () => {
    const score = scoreArticle(TEXT, gold, [
      draft('OfferMade', 'MX', 'offered 70', { issue: 'autos', data: { terms: [{ metric: 'regional_value_content', value: 70, unit: 'percent' }] } }),
      draft('ProposalRejected', 'US', 'Canada rejected it.'),
      draft('StatementIssued', 'US', 'The U.S. said nothing.'),
    ]);
    expect([score.matched, score.drafts, score.gold]).toEqual([1, 3, 2]);
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.recall).toBeCloseTo(1 / 2);
    expect(score.f1).toBeCloseTo(0.4);
    expect(score.right).toEqual({ issue: 1, terms: 1, date: 1, confidence: 1, all: 1 });
  });

  it('given a matched draft with a wrong confidence, then that field and all-fields are wrong and the rest right', () => {
    const score = scoreArticle(TEXT, gold, [draft('ProposalRejected', 'CA', 'Canada rejected it.')]);
    expect(score.right).toEqual({ issue: 1, terms: 1, date: 1, confidence: 0, all: 0 });
    expect(score.wrongFields[0].fields).toEqual(['confidence']);
  });

  it('given terms, then figures must agree exactly and text-only gold metrics must be present', () => {
    expect(termsAgree([{ metric: 'a', value: 1 }], [{ metric: 'a', value: 1 }])).toBe(true);
    expect(termsAgree([{ metric: 'a', value: 1 }], [{ metric: 'a', value: 2 }])).toBe(false);
    expect(termsAgree(undefined, [{ metric: 'a', value: 2 }])).toBe(false);
    expect(termsAgree([{ metric: 'b' }], [{ metric: 'b' }, { metric: 'c' }])).toBe(true);
    expect(termsAgree([{ metric: 'b' }], [{ metric: 'c' }])).toBe(false);
  });

  it('given quotes with irregular spaces, then the gold span is still found; a quote not in the text is an error', () => {
    expect(locateQuote('a  b\u00a0c', 'a b c')).toEqual({ start: 0, end: 6 });
    expect(() => scoreArticle(TEXT, { article: 'x', events: [{ ...gold.events[0], quote: 'nowhere' }] }, [])).toThrow(/gold quote not found/);
  });

  it('given several articles, then totals are micro-averaged over events', () => {
    const a = scoreArticle(TEXT, gold, [draft('ProposalRejected', 'CA', 'Canada rejected it.')]);
    const b = scoreArticle(TEXT, gold, []);
    const total = totalScore([a, b]);
    expect([total.gold, total.drafts, total.matched]).toEqual([4, 1, 1]);
    expect(total.recall).toBeCloseTo(0.25);
  });
});
