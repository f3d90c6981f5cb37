import { compareValidTime } from '../../projections';
import { bundledEvents, bundledHistory } from './bundled-history';

/**
 * The files keep the dates their sources give, even where that puts a line out of date order;
 * answers read the history in valid-time order (the day each event counts from, then position).
 */
describe('given the bundled history, when it is read in valid-time order', () => {
  const history = bundledHistory();
  const order = history.map((e) => e.event.id);
  const at = (id: string) => {
    const i = order.indexOf(id);
    if (i < 0) throw new Error(`${id} is not in the bundled history`);
    return i;
  };

  it('then the days events count from never go backwards, and every event of the files is there once', () => {
    const days = history.map((e) => e.countsFrom);
    expect(days).toEqual([...days].sort());
    expect([...history].sort(compareValidTime)).toEqual(history);
    expect(new Set(order).size).toBe(bundledEvents().length);
  });

  it('then the NAFTA launch (18 May 2017) and Kalach\'s May remark come before the July 2017 report, and round 1 (August) after it', () => {
    expect(at('nafta-2017-launch')).toBeLessThan(at('nafta-2017-cce-future-product-lines'));
    expect(at('nafta-2017-cce-future-product-lines')).toBeLessThan(at('nafta-2017-us-threat-ditch-nafta'));
    expect(at('nafta-2017-rozental-hit-back')).toBeLessThan(at('nafta-2017-08-20-round-1-washington'));
  });

  it('then a July 2017 event counts from the report\'s publication day, not the end of July', () => {
    expect(history[at('nafta-2017-us-threat-ditch-nafta')].countsFrom).toBe('2017-07-14');
    expect(history[at('nafta-2017-cce-future-product-lines')].countsFrom).toBe('2017-05-31');
  });

  it('then Mexico\'s "recent days" 20 % offer comes before its new offer of Thursday 24 May 2018, and the auto probe of Wednesday before both', () => {
    expect(at('nafta-2018-05-23-us-probe-auto-imports')).toBeLessThan(at('nafta-2018-05-24-mx-counter-lvc-20'));
    expect(at('nafta-2018-05-24-mx-counter-lvc-20')).toBeLessThan(at('nafta-2018-05-24-mx-offer-autos-flexibility'));
  });

  it('then the 2018 tariffs, their lifting and the USMCA fall in the order of the public record, across files', () => {
    // given: events of four files, listed in no particular order
    const sequence = [
      'crit-plan-unveiled', 'sa2019-us-lifts-steel', 'nafta-2018-09-30-usmca-concluded', 'sa2018-03-08-talks-launched',
      'review26-joint-review-provided', 'nafta-2018-01-29-round-6-montreal', 'sa2018-us-imposes-steel-25',
      'nafta-2018-11-30-usmca-signed', 'nafta-2018-03-05-round-7-mexico-city', 'nafta-2018-08-27-us-mx-understanding-autos',
    ];
    expect([...sequence].sort((a, b) => at(a) - at(b))).toEqual([
      'nafta-2018-01-29-round-6-montreal', 'nafta-2018-03-05-round-7-mexico-city', 'sa2018-03-08-talks-launched',
      'sa2018-us-imposes-steel-25', 'nafta-2018-08-27-us-mx-understanding-autos', 'nafta-2018-09-30-usmca-concluded',
      'nafta-2018-11-30-usmca-signed', 'sa2019-us-lifts-steel', 'review26-joint-review-provided', 'crit-plan-unveiled',
    ]);
  });
});
