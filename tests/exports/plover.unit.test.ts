import { EVENT_TYPES } from '../../events';
import { PLOVER_MAPPING, toPlover } from '../../src/exports/plover';
import { anEvent } from '../support/event-builders';

const storedOf = (event: ReturnType<typeof anEvent>) => ({ ...event, position: 7n, streamRevision: 0n, recordedAt: '2026-01-01T00:00:00.000Z' });

describe('PLOVER export', () => {
  it('maps every catalog type, to a category or deliberately to none', () => {
    expect(Object.keys(PLOVER_MAPPING).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('given a demand, then it is a REQUEST to change policy by its party, dated by its valid-time window', () => {
    const demand = anEvent({ type: 'DemandTabled', party: 'US', occurredAt: '2018-05', source: { publisher: 'Reuters', quote: 'the US wants 75 percent', publishedAt: '2018-05-24' }, data: { terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent' }] } });
    expect(toPlover(storedOf(demand), demand)).toMatchObject({
      id: demand.id, date: '2018-05-01', enddate: '2018-05-24', actor: ['US'], event: ['REQUEST'], mode: ['change'], quad_code: 3,
      event_text: ['the US wants 75 percent'], cite_info: { publisher: 'Reuters', published: '2018-05-24' },
      parley: { type: 'DemandTabled', position: '7' },
    });
  });

  it('given a tariff imposed on two countries, then it is a SANCTION (discontinue) with both as recipients', () => {
    const tariff = anEvent({ type: 'TariffImposed', issue: 'steel', party: 'US', occurredAt: '2018-06-01', data: { measure: 'Section 232', product: 'steel', rate: { value: 25, unit: 'percent' }, targets: ['MX', 'CA'] } });
    expect(toPlover(storedOf(tariff), tariff)).toMatchObject({ date: '2018-06-01', recipient: ['MX', 'CA'], event: ['SANCTION'], mode: ['discontinue'] });
  });

  it('given a statement, then it has no PLOVER record (PLOVER codes no plain commentary)', () => {
    const statement = anEvent({ type: 'StatementIssued', data: { speaker: 'Minister', quote: 'We are close' } });
    expect(toPlover(storedOf(statement), statement)).toBeNull();
  });
});
