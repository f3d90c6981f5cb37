import { tariffsInForce } from '../../projections';
import { bundledHistory, KNOWN_AT } from './bundled-history';

/** The 2018 Section 232 tariffs on Mexico and Canada: in force 1 June 2018 – 20 May 2019 (public record). */
describe('given the bundled history, when tariffs on Mexico are asked as of a day', () => {
  const history = bundledHistory();
  const forMexico = (asOf: string) => tariffsInForce(history, { asOf, knownAt: KNOWN_AT, target: 'MX' });
  const rates = (asOf: string) => forMexico(asOf).inForce.map((l) => `${l.measure} ${l.product} ${l.rate.value} ${l.rate.unit} since ${l.since}`).sort();

  it('then on 2018-06-15 Section 232 steel is at 25 % and aluminium at 10 %, in force since 1 June 2018', () => {
    expect(rates('2018-06-15')).toEqual(['Section 232 aluminum 10 percent since 2018-06-01', 'Section 232 steel 25 percent since 2018-06-01']);
    expect(forMexico('2018-06-15').inForce.map((l) => l.eventId).sort()).toEqual(['sa2018-us-imposes-aluminum-10', 'sa2018-us-imposes-steel-25']);
  });

  it('then on 2018-05-31, the day they were announced, they are announced for 1 June and not yet in force', () => {
    const day = forMexico('2018-05-31');
    expect(day.inForce).toEqual([]);
    expect(day.announced.map((l) => `${l.product} ${l.rate.value} from ${l.since}`).sort()).toEqual(['aluminum 10 from 2018-06-01', 'steel 25 from 2018-06-01']);
  });

  it('then on 2019-05-19 they still apply, and from 2019-05-20 (lifted under the agreement of 17 May 2019) none does', () => {
    expect(rates('2019-05-19')).toHaveLength(2);
    expect(forMexico('2019-05-20').inForce).toEqual([]);
    expect(forMexico('2019-05-20').lifted.map((l) => `${l.product} since ${l.since} by ${l.eventId}`).sort()).toEqual([
      'aluminum since 2019-05-20 by sa2019-us-lifts-aluminum',
      'steel since 2019-05-20 by sa2019-us-lifts-steel',
    ]);
  });

  it('then on 2019-06-01, 2020-07-01 and 2025-03-11 no Section 232 tariff applies to Mexico', () => {
    for (const asOf of ['2019-06-01', '2020-07-01', '2025-03-11']) expect({ asOf, inForce: forMexico(asOf).inForce }).toEqual({ asOf, inForce: [] });
  });

  it('then from 12 March 2025 the tariffs for every country apply to Mexico again at 25 %, and from 4 June 2025 at 50 %', () => {
    expect(rates('2025-03-12')).toEqual(['Section 232 aluminum 25 percent since 2025-03-12', 'Section 232 steel 25 percent since 2025-03-12']);
    expect(forMexico('2025-03-12').inForce.map((l) => l.target)).toEqual(['*', '*']);
    expect(rates('2025-06-04')).toEqual(['Section 232 aluminum 50 percent since 2025-06-04', 'Section 232 steel 50 percent since 2025-06-04']);
    expect(rates('2026-12-01')).toEqual(rates('2025-06-04'));
  });

  it('then Canada, the other target, follows the same dates', () => {
    const forCanada = (asOf: string) => tariffsInForce(history, { asOf, knownAt: KNOWN_AT, target: 'CA' }).inForce.length;
    expect([forCanada('2018-05-31'), forCanada('2018-06-01'), forCanada('2019-05-19'), forCanada('2019-05-20')]).toEqual([0, 2, 2, 0]);
  });
});
