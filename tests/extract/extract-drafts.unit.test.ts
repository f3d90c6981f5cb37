import { eventSchema } from '../../events';
import { findDates } from '../../src/extract/dates';
import { Draft } from '../../src/extract/draft';
import { extractDrafts } from '../../src/extract/extract-drafts';
import { findNumbers } from '../../src/extract/terms';

const TODAY = '2026-12-03';
const extract = (text: string, published?: string) => extractDrafts(text, { published, today: TODAY });
const quoteOf = (text: string, d: Draft) => text.slice(d.span.start, d.span.end);
const only = (drafts: Draft[], type: string) => {
  const found = drafts.filter((d) => d.event.type === type);
  expect(found).toHaveLength(1);
  return found[0];
};

/** Every number inside a draft's data. */
const numbersIn = (value: unknown): number[] =>
  typeof value === 'number' ? [value] : Array.isArray(value) ? value.flatMap(numbersIn) : value && typeof value === 'object' ? Object.values(value).flatMap(numbersIn) : [];

const ARTICLE = [
  'Brazil and India trade talks stall over farm tariffs',
  '',
  'NEW DELHI, June 12 (Reuters) - India on Tuesday offered to cut its tariff on Brazilian soybeans to 12 percent, Commerce Minister Piyush Goyal said.',
  'Brazil wants 40 percent regional content in the auto parts deal, a person familiar with the talks said.',
  'Brazilian officials reportedly rejected the proposal last week.',
  '"We will not accept a deal that hurts our farmers," Goyal told reporters.',
].join('\n');

describe('extracting draft events from an article', () => {
  it('given an article, when drafts are extracted, then each quote is the exact text at its offsets and the event carries it', () => {
    const { drafts } = extract(ARTICLE, '2025-06-12');
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    for (const d of drafts) {
      expect(d.event.source?.quote).toBe(quoteOf(ARTICLE, d));
      expect(d.span.end).toBeGreaterThan(d.span.start);
    }
  });

  it('given an article, when drafts are extracted, then every draft validates against the catalog and lists the rules that made it', () => {
    const { drafts } = extract(ARTICLE, '2025-06-12');
    for (const d of drafts) {
      expect(eventSchema.safeParse(d.event).success).toBe(true);
      expect(d.why.length).toBeGreaterThan(0);
      expect(d.why[0]).toMatch(/^[a-z]+\.[a-z-]+$/);
    }
  });

  it('given the same text twice, when extracted, then the ids are the same and derive from the text and the span', () => {
    const first = extract(ARTICLE, '2025-06-12').drafts.map((d) => d.id);
    const second = extract(ARTICLE, '2025-06-12').drafts.map((d) => d.id);
    expect(second).toEqual(first);
    const changed = extract(`${ARTICLE}\n`, '2025-06-12').drafts.map((d) => d.id);
    expect(changed[0]).not.toBe(first[0]);
    for (const d of extract(ARTICLE, '2025-06-12').drafts) expect(d.id).toContain(`-${d.span.start}-${d.span.end}`);
  });

  it('given a dateline, when extracted, then the quote starts after it and the dateline gives the publisher', () => {
    const result = extract(ARTICLE, '2025-06-12');
    expect(result.article.publisher).toBe('Reuters');
    for (const d of result.drafts) expect(quoteOf(ARTICLE, d)).not.toMatch(/Reuters\) -/);
  });

  it('given a headline, when extracted, then it proposes nothing of its own', () => {
    const { drafts } = extract(ARTICLE, '2025-06-12');
    expect(drafts.some((d) => quoteOf(ARTICLE, d).includes('stall over farm tariffs'))).toBe(false);
  });
});

describe('numbers come only from the quote', () => {
  it('given figures in a sentence, when drafted, then every number in the data is written in that quote', () => {
    const { drafts } = extract(ARTICLE, '2025-06-12');
    const demand = only(drafts, 'DemandTabled');
    expect(demand.event.data).toEqual({ terms: [{ metric: 'regional_value_content', value: 40, unit: 'percent' }] });
    for (const d of drafts) for (const n of numbersIn(d.event.data)) expect(quoteOf(ARTICLE, d)).toContain(String(n));
  });

  it('given a digit-stripped wire text ("some  percent"), when drafted, then terms are text only and no number is guessed', () => {
    const text = 'mexico city  reuters    mexican officials say the united states wants regional content in autos raised from  percent to  percent over  years  an official said  ' +
      'the canadian side wants some  percent of auto content made in high wage plants  a source said  '.repeat(3);
    const { drafts } = extract(text, '2017');
    const positions = drafts.filter((d) => ['DemandTabled', 'OfferMade', 'CounterofferMade'].includes(d.event.type));
    expect(positions.length).toBeGreaterThan(0);
    for (const d of positions) {
      expect(numbersIn(d.event.data)).toEqual([]);
      for (const t of (d.event.data as { terms: { text?: string }[] }).terms) expect(t.text).toBeDefined();
    }
  });

  it('given a sentence, when numbers are read, then percentages, dollars an hour and years keep their units', () => {
    expect(findNumbers('40 percent of content from plants paying at least $16 an hour, reviewed every five years').map((n) => [n.value, n.unit])).toEqual([
      [40, 'percent'], [16, 'usd_per_hour'], [5, 'years'],
    ]);
  });

  it('given two rates in one sentence, when drafted, then each tariff line takes its own rate and product', () => {
    const text = 'WASHINGTON, March 8 (Reuters) - The administration imposed a 25% tariff on steel and 10% on aluminum imports from Mexico and Canada.';
    const lines = extract(text, '2018-03-08').drafts.filter((d) => d.event.type === 'TariffImposed');
    expect(lines.map((d) => [(d.event.data as { product: string }).product, (d.event.data as { rate: { value: number } }).rate.value, (d.event.data as { targets: string[] }).targets])).toEqual([
      ['steel', 25, ['MX', 'CA']],
      ['aluminum', 10, ['MX', 'CA']],
    ]);
  });
});

describe('dates are resolved against the article date, with the precision the phrase supports', () => {
  const at = (text: string, published: string) => findDates(text, published).map((d) => d.value);

  it('given a Thursday article, when a sentence says "on Wednesday", then the event is dated the day before', () => {
    expect(at('Officials said on Wednesday', '2018-05-24')).toEqual(['2018-05-23']);
  });

  it('given a weekday after "take effect", then it is the coming one', () => {
    expect(at('The new rates take effect on Wednesday', '2025-05-12')).toEqual(['2025-05-14']);
  });

  it('given vague phrases, then they resolve to intervals or months, never to a made-up day', () => {
    expect(at('last week', '2018-05-24')).toEqual(['2018-05-14/2018-05-20']);
    expect(at('in recent days', '2018-05-24')).toEqual(['2018-05-17/2018-05-24']);
    expect(at('talks due to start next month', '2018-05-24')).toEqual(['2018-06']);
    expect(at('the next round in late February', '2018-01-29')).toEqual(['2018-02-21/2018-02-28']);
  });

  it('given a month without a year, then it is this year, or last year when it lies after the article month', () => {
    expect(at('In May, he said', '2018-05-24')).toEqual(['2018-05']);
    expect(at('In November, he said', '2018-05-24')).toEqual(['2017-11']);
  });

  it('given an article dated only to a year, then a weekday cannot be resolved and a month takes that year', () => {
    expect(at('On Wednesday, in may', '2017')).toEqual(['2017-05']);
  });

  it('given a draft, when its sentence has a date phrase, then occurredAt is that date; otherwise the article date', () => {
    const { drafts } = extract(ARTICLE, '2025-06-12');
    expect(only(drafts, 'OfferMade').event.occurredAt).toBe('2025-06-10');
    expect(only(drafts, 'DemandTabled').event.occurredAt).toBe('2025-06-12');
    expect(only(drafts, 'ProposalRejected').event.occurredAt).toBe('2025-06-02/2025-06-08');
  });
});

describe('confidence follows attribution', () => {
  it('given a named official on the record, then confirmed; a person familiar with the talks, reported; "reportedly", unconfirmed', () => {
    const { drafts } = extract(ARTICLE, '2025-06-12');
    expect(only(drafts, 'OfferMade').event.confidence).toBe('confirmed');
    expect(only(drafts, 'DemandTabled').event.confidence).toBe('reported');
    expect(only(drafts, 'ProposalRejected').event.confidence).toBe('unconfirmed');
  });

  it('given "officials say" or "a source said", then reported; "according to media reports", unconfirmed', () => {
    const text = [
      'Japanese officials say Tokyo wants a 15 percent tariff ceiling on cars.',
      'Japan has offered to buy more U.S. rice, a source said.',
      'Japan will drop its demand for a tariff exemption, according to media reports.',
    ].join(' ');
    const confidence = extract(text, '2025-07-01').drafts.map((d) => [d.event.type, d.event.confidence]);
    expect(confidence).toEqual([
      ['DemandTabled', 'reported'],
      ['OfferMade', 'reported'],
      ['PositionWithdrawn', 'unconfirmed'],
    ]);
  });

  it('given a named official\'s own act told as fact, then confirmed; the same act by a state in narration stays reported', () => {
    const text = 'Trump has threatened to raise tariffs on Canadian lumber. Canada wants a quota-free deal on lumber.';
    const drafts = extract(text, '2025-06-12').drafts.map((d) => [d.event.type, d.event.party, d.event.confidence]);
    expect(drafts).toEqual([
      ['ThreatIssued', 'US', 'confirmed'],
      ['DemandTabled', 'CA', 'reported'],
    ]);
  });

  it('given a year inside a parenthetical description, then it does not date the event', () => {
    const text = 'U.S. President Donald Trump, who has called the 1994 pact a disaster, frequently threatens to withdraw from the deal.';
    expect(only(extract(text, '2018-01-29').drafts, 'ThreatIssued').event.occurredAt).toBe('2018-01-29');
  });

  it('given a quote, then the speaker is the named person and the party the state they serve', () => {
    const { drafts } = extract(ARTICLE, '2025-06-12');
    const statement = only(drafts, 'StatementIssued');
    expect(statement.event.party).toBe('IN');
    expect(statement.event.confidence).toBe('confirmed');
    expect((statement.event.data as { speaker: string }).speaker).toContain('Piyush Goyal');
  });
});

describe('parties', () => {
  it('given a speaker with an affiliation, then the party is the body they speak for; a former official speaks for themselves', () => {
    const text = [
      '"Our plants are clean," said Ana Ruiz, a spokesperson for CANACERO.',
      '"We can hit back," said Pedro Gomez, a former deputy trade minister.',
    ].join('\n');
    const parties = extractDrafts(text, { published: '2025', negotiation: 'steel-aluminum-talks-2025', today: TODAY }).drafts.map((d) => [d.event.type, d.event.party, d.partyRole]);
    expect(parties).toEqual([
      ['StatementIssued', 'canacero', 'other-actor'],
      ['StatementIssued', 'pedro-gomez', 'other-actor'],
    ]);
  });

  it('given a counteroffer against a proposal in the same sentence, then the countered proposal is drafted too and answered by id', () => {
    const text = 'Mexico has proposed that 70 percent of overall content of a vehicle come from the region, countering a U.S. proposal of 75 percent for high-value parts.';
    const { drafts } = extract(text, '2018-05-24');
    const offer = only(drafts, 'OfferMade');
    const counter = only(drafts, 'CounterofferMade');
    expect([offer.event.party, counter.event.party]).toEqual(['US', 'MX']);
    expect((counter.event.data as { respondsTo: string }).respondsTo).toBe(offer.id);
    expect(counter.needsReview).toEqual([]);
  });

  it('given a rejection with nothing to answer in the text, then the draft says it needs review of what it rejects', () => {
    const { drafts } = extract('Canada rejected the U.S. proposal on dairy quotas on Monday.', '2025-06-12');
    const rejection = only(drafts, 'ProposalRejected');
    expect(rejection.event.party).toBe('CA');
    expect(rejection.needsReview).toEqual(['data.respondsTo']);
  });
});
