import { issueStateAt } from '../../projections';
import { known, rvc, tabled } from './given';

const q = (asOf: string) => ({ negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', asOf, knownAt: '2026-12-31T00:00:00.000Z' });

describe('a report bounds its event', () => {
  const yearDated = tabled('OfferMade', 'MX', '2026', [rvc(70)], { source: { publishedAt: '2026-02-04' } });

  it('given an event dated only "2026" and reported on 4 Feb 2026, when asked on 1 Mar 2026, then it counts', () => {
    expect(issueStateAt(known([yearDated]), q('2026-03-01')).positions.MX?.regional_value_content?.value).toBe(70);
  });

  it('given the same event, when asked the day before the report, then it does not count yet', () => {
    expect(issueStateAt(known([yearDated]), q('2026-02-03')).positions).toEqual({});
  });

  it('given an event without publishedAt, then it counts from the end of its occurredAt window as before', () => {
    const undated = tabled('OfferMade', 'MX', '2026', [rvc(70)]);
    expect(issueStateAt(known([undated]), q('2026-12-30')).positions).toEqual({});
    expect(issueStateAt(known([undated]), q('2026-12-31')).positions.MX).toBeDefined();
  });

  it('given an interval occurredAt, then it counts from the end of its second date', () => {
    const bracketed = tabled('OfferMade', 'MX', '2018-05-17/2018-05-24', [rvc(70)]);
    expect(issueStateAt(known([bracketed]), q('2018-05-23')).positions).toEqual({});
    expect(issueStateAt(known([bracketed]), q('2018-05-24')).positions.MX?.regional_value_content?.since).toBe('2018-05-17/2018-05-24');
  });
});
