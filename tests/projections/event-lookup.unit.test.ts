import { windowStart } from '../../events';
import { EffectiveEvent, eventLookup, growingLookup } from '../../projections';
import { known, rvc, tabled } from './given';

/** Every day from `from` to `to` (YYYY-MM-DD), both included. */
const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/** The definition, checked event by event: a window of several days that has begun by asOf and ends after it. */
const openByDefinition = (events: readonly EffectiveEvent[], asOf: string): string[] =>
  events.filter((e) => windowStart(e.event.occurredAt) <= asOf && e.countsFrom > asOf).map((e) => e.event.id);

describe('event lookups: the many-day events open on a day', () => {
  // Short and long windows, nested and overlapping, a long one counting late (it must not hide the short ones before it).
  const events = known([
    tabled('OfferMade', 'MX', '2018-05', [rvc(70)], { id: 'may' }),
    tabled('OfferMade', 'US', '2018-01-29', [rvc(75)], { id: 'one-day' }),
    tabled('OfferMade', 'CA', '2017/2019-06', [rvc(62)], { id: 'two-and-a-half-years' }),
    tabled('OfferMade', 'MX', '2018', [rvc(65)], { id: 'year' }),
    tabled('OfferMade', 'US', '2018-05-17/2018-05-24', [rvc(80)], { id: 'week' }),
    tabled('OfferMade', 'CA', '2018-11', [rvc(66)], { id: 'november' }),
    tabled('OfferMade', 'MX', '2018-02', [rvc(68)], { id: 'february', source: { publisher: 'Reuters', publishedAt: '2018-02-10' } }),
  ]);

  it('given events of every window length, when asked on each day from 2016-12 to 2020-01, then a lookup lists exactly the open ones in valid-time order', () => {
    const lookup = eventLookup(events);
    for (const day of days('2016-12-01', '2020-01-31')) expect([day, lookup.openOn(day).map((e) => e.event.id)]).toEqual([day, openByDefinition(events, day)]);
    expect(lookup.openOn('2018-05-20').map((e) => e.event.id)).toEqual(['week', 'may', 'year', 'two-and-a-half-years']);
  });

  it('given a growing lookup fed out of valid-time order, then after each event it answers as a lookup over the same events', () => {
    const growing = growingLookup([]);
    const fed: EffectiveEvent[] = [];
    for (const event of [...events].reverse()) {
      growing.add(event);
      fed.push(event);
      const sorted = [...fed].sort((a, b) => (a.countsFrom < b.countsFrom ? -1 : a.countsFrom > b.countsFrom ? 1 : Number(a.position - b.position)));
      for (const day of ['2017-06-01', '2018-02-05', '2018-05-20', '2018-11-15', '2019-03-01']) {
        expect(growing.openOn(day).map((e) => e.event.id)).toEqual(openByDefinition(sorted, day));
      }
    }
  });
});
