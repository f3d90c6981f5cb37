import { deadlinesAhead } from '../../projections';
import { anEvent } from '../support/event-builders';
import { known, recordedAt } from './given';

const deadline = (id: string, occurredAt: string, date: string, negotiation = 'usmca-review-2026') =>
  anEvent({ id, type: 'DeadlineSet', negotiation, issue: 'usmca-review', party: undefined, occurredAt, confidence: 'confirmed', data: { deadline: date, what: `deadline ${id}` } });

const replacementOf = ({ id: _id, ...body }: ReturnType<typeof deadline>) => body;

describe('deadlinesAhead', () => {
  it('given deadlines set before asOf, then those still ahead are listed soonest first with the days left to either end of their window', () => {
    const answer = deadlinesAhead(
      known([deadline('review', '2026-02-04', '2026-07-01'), deadline('plan', '2026-02-04', '2026-04', 'us-mexico-critical-minerals'), deadline('past', '2026-01-01', '2026-02-01')]),
      '2026-03-01',
    );
    expect(answer.map((d) => [d.setBy.eventId, d.precision, d.window, d.daysRemaining])).toEqual([
      ['plan', 'month', { from: '2026-04-01', to: '2026-04-30' }, { earliest: 31, latest: 60 }],
      ['review', 'day', { from: '2026-07-01', to: '2026-07-01' }, { earliest: 122, latest: 122 }],
    ]);
  });

  it('given a deadline whose window contains asOf, then it is still ahead, with no days to its start', () => {
    const [plan] = deadlinesAhead(known([deadline('plan', '2026-02-04', '2026-04')]), '2026-04-10');
    expect(plan.daysRemaining).toEqual({ earliest: 0, latest: 20 });
  });

  it('given a deadline not yet set on asOf, then it is not listed', () => {
    expect(deadlinesAhead(known([deadline('review', '2026-02-04', '2026-07-01')]), '2026-02-03')).toEqual([]);
  });

  it('given a correction that moves a deadline, then the moved date is listed and the correction named', () => {
    const moved = anEvent({
      id: 'move', type: 'EventCorrected', negotiation: 'usmca-review-2026', party: undefined, occurredAt: '2026-03-01', confidence: 'confirmed',
      data: { corrects: 'review', replacement: replacementOf(deadline('review', '2026-02-04', '2026-09-01')) },
    });
    const [review] = deadlinesAhead(known([deadline('review', '2026-02-04', '2026-07-01'), recordedAt('2026-03-02T00:00:00.000Z', moved)]), '2026-08-01');
    expect(review).toMatchObject({ deadline: '2026-09-01', changedBy: { eventId: 'move' }, setBy: { eventId: 'review', confidence: 'confirmed' } });
  });
});
