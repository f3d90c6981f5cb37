import { tariffsInForce } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known } from './given';

const KNOWN_AT = '2026-12-31T00:00:00.000Z';
const steel = (type: string, id: string, occurredAt: string, data: Record<string, unknown>) =>
  anEvent({ id, type, negotiation: 'steel-talks', issue: 'steel-aluminum-tariffs', party: 'US', occurredAt, data: { measure: 'Section 232', product: 'steel', ...data } });
const impose = (id: string, occurredAt: string, targets: string[], value = 25, extra: Record<string, unknown> = {}) =>
  steel('TariffImposed', id, occurredAt, { rate: { value, unit: 'percent' }, targets, ...extra });
const announce = (id: string, occurredAt: string, targets: string[], effectiveOn?: string, value = 25) =>
  steel('TariffAnnounced', id, occurredAt, { rate: { value, unit: 'percent' }, targets, ...(effectiveOn ? { effectiveOn } : {}) });
const lift = (id: string, occurredAt: string, targets: string[], effectiveOn?: string) =>
  steel('TariffLifted', id, occurredAt, { targets, ...(effectiveOn ? { effectiveOn } : {}) });
const exempt = (id: string, occurredAt: string, beneficiaries: string[], until?: string) =>
  steel('ExemptionGranted', id, occurredAt, { beneficiaries, ...(until ? { until } : {}) });

const line = (target: string, eventId: string, since: string | null, extra: Record<string, unknown> = {}) => ({
  measure: 'Section 232', product: 'steel', target, rate: { value: 25, unit: 'percent' }, since, eventId, exemption: null, ...extra,
});
const asOf = (events: ReturnType<typeof known>, day: string, target?: string) =>
  tariffsInForce(events, { asOf: day, knownAt: KNOWN_AT, ...(target ? { target } : {}) });

describe('tariffsInForce: "*" lines and liftings', () => {
  const events = known([
    impose('all-25', '2018-03-08', ['*'], 25, { effectiveOn: '2018-03-23' }),
    lift('lift-mx', '2019-05-20', ['MX']),
    impose('all-again', '2020-01-15', ['*']),
  ]);

  it('lists an imposition with a future effect date as announced, then in force from that date', () => {
    // then
    expect(asOf(events, '2018-03-22')).toEqual({
      asOf: '2018-03-22', knownAt: KNOWN_AT, inForce: [], announced: [line('*', 'all-25', '2018-03-23')], lifted: [],
    });
    expect(asOf(events, '2018-03-23')).toEqual({
      asOf: '2018-03-23', knownAt: KNOWN_AT, inForce: [line('*', 'all-25', '2018-03-23')], announced: [], lifted: [],
    });
  });

  it('ends a "*" tariff for a country lifted on its own, which the "*" line excepts', () => {
    // when
    const result = asOf(events, '2019-05-20');
    // then
    expect(result.inForce).toEqual([line('*', 'all-25', '2018-03-23', { except: ['MX'] })]);
    expect(result.lifted).toEqual([{ measure: 'Section 232', product: 'steel', target: 'MX', since: '2019-05-20', eventId: 'lift-mx' }]);
  });

  it('brings the tariff back for that country with a later "*" imposition', () => {
    // when
    const result = asOf(events, '2020-01-15');
    // then
    expect(result.inForce).toEqual([line('*', 'all-again', '2020-01-15')]);
    expect(result.lifted).toEqual([]);
  });

  it('answers for one target with the lines that apply to it', () => {
    // then
    expect(asOf(events, '2019-06-01', 'MX').inForce).toEqual([]);
    expect(asOf(events, '2019-06-01', 'MX').lifted.map((l) => l.eventId)).toEqual(['lift-mx']);
    expect(asOf(events, '2019-06-01', 'CA').inForce).toEqual([line('*', 'all-25', '2018-03-23')]);
    expect(asOf(events, '2020-02-01', 'MX').inForce).toEqual([line('*', 'all-again', '2020-01-15')]);
  });
});

describe('tariffsInForce: country lines against "*" lines', () => {
  const events = known([
    impose('mx-10', '2018-06-01', ['MX', 'CA'], 10),
    impose('all-25', '2018-07-01', ['*']),
    impose('mx-15', '2018-08-01', ['MX'], 15),
  ]);

  it('lets the later of a country\'s own line and the "*" line decide for that country', () => {
    // then
    expect(asOf(events, '2018-06-15').inForce.map((l) => [l.target, l.rate.value])).toEqual([['CA', 10], ['MX', 10]]);
    expect(asOf(events, '2018-07-15').inForce.map((l) => [l.target, l.rate.value])).toEqual([['*', 25]]);
    expect(asOf(events, '2018-08-15').inForce).toEqual([
      line('*', 'all-25', '2018-07-01', { except: ['MX'] }),
      line('MX', 'mx-15', '2018-08-01', { rate: { value: 15, unit: 'percent' } }),
    ]);
  });

  it('with a target, says whether the applying line came from the country or from "*"', () => {
    // then
    expect(asOf(events, '2018-07-15', 'MX').inForce.map((l) => [l.target, l.eventId])).toEqual([['*', 'all-25']]);
    expect(asOf(events, '2018-08-15', 'MX').inForce.map((l) => [l.target, l.eventId])).toEqual([['MX', 'mx-15']]);
    expect(asOf(events, '2018-08-15', 'CA').inForce.map((l) => [l.target, l.eventId])).toEqual([['*', 'all-25']]);
    expect(asOf(events, '2018-06-15', 'US').inForce).toEqual([]);
  });
});

describe('tariffsInForce: retroactive effective dates', () => {
  it('counts a lifting "effective from" an earlier day only from the day it was announced, and flags it', () => {
    // given
    const events = known([impose('mx-25', '2020-01-01', ['MX']), lift('lift-mx', '2020-09-15', ['MX'], '2020-09-01')]);
    // then
    expect(asOf(events, '2020-09-10').inForce).toEqual([line('MX', 'mx-25', '2020-01-01')]);
    expect(asOf(events, '2020-09-15').inForce).toEqual([]);
    expect(asOf(events, '2020-09-15').lifted).toEqual([
      { measure: 'Section 232', product: 'steel', target: 'MX', since: '2020-09-15', eventId: 'lift-mx', retroactive: true },
    ]);
  });

  it('does the same for an imposition', () => {
    // given
    const events = known([impose('ca-25', '2020-09-15', ['CA'], 25, { effectiveOn: '2020-09-01' })]);
    // then
    expect(asOf(events, '2020-09-10')).toEqual({ asOf: '2020-09-10', knownAt: KNOWN_AT, inForce: [], announced: [], lifted: [] });
    expect(asOf(events, '2020-09-15').inForce).toEqual([line('CA', 'ca-25', '2020-09-15', { retroactive: true })]);
  });

  it('reads a partial effectiveOn as the end of its window', () => {
    // given
    const events = known([impose('ca-25', '2020-09-15', ['CA'], 25, { effectiveOn: '2020-10' })]);
    // then
    expect(asOf(events, '2020-10-30').inForce).toEqual([]);
    expect(asOf(events, '2020-10-31').inForce).toEqual([line('CA', 'ca-25', '2020-10-31')]);
  });
});

describe('tariffsInForce: announced', () => {
  it('lists an announcement until its effective day, without putting it in force', () => {
    // given
    const events = known([announce('plan', '2025-02-01', ['MX'], '2025-03-04')]);
    // then
    expect(asOf(events, '2025-01-31').announced).toEqual([]);
    expect(asOf(events, '2025-02-15')).toEqual({
      asOf: '2025-02-15', knownAt: KNOWN_AT, inForce: [], announced: [line('MX', 'plan', '2025-03-04')], lifted: [],
    });
    expect(asOf(events, '2025-03-04')).toEqual({ asOf: '2025-03-04', knownAt: KNOWN_AT, inForce: [], announced: [], lifted: [] });
  });

  it('lets a later word supersede an announcement: a new date, an imposition, a lifting', () => {
    // given
    const events = known([
      announce('plan', '2025-01-20', ['MX', 'CA'], '2025-02-01'),
      announce('delayed', '2025-01-31', ['MX', 'CA'], '2025-03-04'),
      impose('imposed-ca', '2025-02-10', ['CA']),
      lift('paused-mx', '2025-02-20', ['MX']),
    ]);
    // then
    expect(asOf(events, '2025-01-25').announced.map((l) => [l.target, l.eventId])).toEqual([['CA', 'plan'], ['MX', 'plan']]);
    expect(asOf(events, '2025-01-31').announced.map((l) => [l.target, l.eventId])).toEqual([['CA', 'delayed'], ['MX', 'delayed']]);
    expect(asOf(events, '2025-02-10').announced.map((l) => [l.target, l.eventId])).toEqual([['MX', 'delayed']]);
    expect(asOf(events, '2025-02-20').announced).toEqual([]);
  });

  it('keeps an announcement without a date pending (since null) until superseded', () => {
    // given
    const events = known([announce('someday', '2025-01-20', ['*']), impose('now', '2025-06-01', ['*'])]);
    // then
    expect(asOf(events, '2025-05-01').announced).toEqual([line('*', 'someday', null)]);
    expect(asOf(events, '2025-06-01').announced).toEqual([]);
  });

  it('excepts from a "*" announcement the countries with a later word of their own', () => {
    // given
    const events = known([announce('all', '2025-01-20', ['*'], '2025-06-01'), lift('spare-mx', '2025-02-01', ['MX'])]);
    // then
    expect(asOf(events, '2025-03-01').announced).toEqual([line('*', 'all', '2025-06-01', { except: ['MX'] })]);
    expect(asOf(events, '2025-03-01', 'MX').announced).toEqual([]);
  });
});

describe('tariffsInForce: exemptions', () => {
  const events = known([
    impose('all-25', '2018-03-23', ['*']),
    impose('ca-25', '2018-03-23', ['CA']),
    exempt('mx-ca-till-may', '2018-03-22', ['MX', 'CA'], '2018-05-01'),
    exempt('mx-extended', '2018-04-30', ['MX'], '2018-06-01'),
    exempt('ca-cut-short', '2018-04-10', ['CA'], '2018-04-15'),
  ]);

  it('holds while asOf is before `until` (exclusive), and a later grant for the beneficiary replaces the earlier', () => {
    // then
    const exemptionsOn = (day: string) => asOf(events, day, 'MX').inForce[0].exemption;
    expect(exemptionsOn('2018-04-29')).toEqual({ until: '2018-05-01', eventId: 'mx-ca-till-may' });
    expect(exemptionsOn('2018-05-31')).toEqual({ until: '2018-06-01', eventId: 'mx-extended' });
    expect(exemptionsOn('2018-06-01')).toBeNull();
  });

  it('cuts an exemption short with a later grant of an earlier `until`', () => {
    // then
    expect(asOf(events, '2018-04-14').inForce.find((l) => l.target === 'CA')?.exemption).toEqual({ until: '2018-04-15', eventId: 'ca-cut-short' });
    expect(asOf(events, '2018-04-15').inForce.find((l) => l.target === 'CA')?.exemption).toBeNull();
  });

  it('lists the exemptions of a "*" line per beneficiary not excepted from it', () => {
    // then
    expect(asOf(events, '2018-04-12').inForce).toEqual([
      line('*', 'all-25', '2018-03-23', { except: ['CA'], exemptions: [{ beneficiary: 'MX', until: '2018-05-01', eventId: 'mx-ca-till-may' }] }),
      line('CA', 'ca-25', '2018-03-23', { exemption: { until: '2018-04-15', eventId: 'ca-cut-short' } }),
    ]);
    expect(asOf(events, '2018-06-01').inForce[0]).toEqual(line('*', 'all-25', '2018-03-23', { except: ['CA'] }));
  });

  it('counts an exemption from the end of its own date\'s window; with no `until` it holds for good', () => {
    // given
    const open = known([impose('mx-25', '2018-01-01', ['MX']), exempt('for-good', '2018-03', ['MX'])]);
    // then
    expect(asOf(open, '2018-03-30').inForce[0].exemption).toBeNull();
    expect(asOf(open, '2018-03-31').inForce[0].exemption).toEqual({ until: null, eventId: 'for-good' });
    expect(asOf(open, '2030-01-01').inForce[0].exemption).toEqual({ until: null, eventId: 'for-good' });
  });
});

describe('tariffsInForce: across negotiations', () => {
  it('gathers lines from every negotiation, sorted by measure, product, target', () => {
    // given
    const events = known([
      impose('steel-mx', '2018', ['MX', 'CA']),
      anEvent({
        id: 'autos', type: 'TariffImposed', negotiation: 'nafta-renegotiation', issue: 'auto-tariffs', party: 'US', occurredAt: '2018-06-01',
        data: { measure: 'Section 232', product: 'autos', rate: { value: 25, unit: 'percent' }, targets: ['*'] },
      }),
      steel('TariffImposed', 'aluminum', '2018', { product: 'aluminum', rate: { value: 10, unit: 'percent' }, targets: ['MX'] }),
    ]);
    // when
    const result = asOf(events, '2018-12-31');
    // then
    expect(result.inForce.map((l) => `${l.product}/${l.target}/${l.eventId}`)).toEqual([
      'aluminum/MX/aluminum', 'autos/*/autos', 'steel/CA/steel-mx', 'steel/MX/steel-mx',
    ]);
    expect(asOf(events, '2018-12-30').inForce.map((l) => l.eventId)).toEqual(['autos']);
  });
});
