import { countCountedBy } from '../../projections';

describe('the as-of cut of a valid-time ordered history', () => {
  const days = ['2017-10-31', '2018-01-29', '2018-05-24', '2018-05-24', '2018-12-31'];
  it.each([
    ['2017-10-30', 0],
    ['2017-10-31', 1],
    ['2018-05-23', 2],
    ['2018-05-24', 4],
    ['2019-01-01', 5],
  ])('given sorted days, when cut as of %s, then %i count', (asOf, expected) => {
    expect(countCountedBy(days, asOf, (d) => d)).toBe(expected);
  });
});
