import { answerIssueState, issueStateAt } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known } from './given';

const Q = { negotiation: 'nafta-renegotiation', issue: 'auto-rules-of-origin', knownAt: '2026-12-31T00:00:00.000Z' };
const schedule = [{ from: '2020-07-01', value: 66 }, { from: '2021-07-01', value: 69 }, { from: '2022-07-01', value: 72 }, { from: '2023-07-01', value: 75 }];

describe('phase-in schedules', () => {
  const events = known([
    anEvent({ id: 'usmca', type: 'AgreementReached', party: undefined, occurredAt: '2018-09-30',
      data: { parties: ['US', 'MX', 'CA'], terms: [{ metric: 'regional_value_content', value: 75, unit: 'percent', schedule }] } }),
  ]);
  const agreed = (asOf: string) => answerIssueState(issueStateAt(events, { ...Q, asOf }), events).agreed?.regional_value_content;

  it('given an agreement with a schedule, when asked before the first step, then nothing is in force yet', () => {
    expect(agreed('2018-12-01')).toMatchObject({ value: 75, inForce: null, schedule });
  });

  it('given the same agreement, when asked on 2022-01-01, then the step begun on 2021-07-01 is in force', () => {
    expect(agreed('2022-01-01')?.inForce).toEqual({ value: 69, from: '2021-07-01' });
  });

  it('given the same agreement, when asked on a step\'s first day and after the last, then that step is in force', () => {
    expect(agreed('2022-07-01')?.inForce).toEqual({ value: 72, from: '2022-07-01' });
    expect(agreed('2030-01-01')?.inForce).toEqual({ value: 75, from: '2023-07-01' });
  });

  it('given an agreed term without a schedule, then it has no inForce field', () => {
    const plain = known([anEvent({ id: 'deal', type: 'AgreementReached', party: undefined, occurredAt: '2018-09-30',
      data: { parties: ['US', 'MX'], terms: [{ metric: 'labor_value_content', value: 40, unit: 'percent' }] } })]);
    expect(answerIssueState(issueStateAt(plain, { ...Q, asOf: '2019-01-01' }), plain).agreed?.labor_value_content).not.toHaveProperty('inForce');
  });
});
