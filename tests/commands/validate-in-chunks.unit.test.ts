import { EventValidationError } from '../../events';
import { validateInChunks } from '../../src/commands/validate-in-chunks';

const statement = (i: number) => ({ type: 'StatementIssued', negotiation: 'talks', occurredAt: '2018', data: { speaker: 'x', quote: `q${i}` } });

describe('validating a large batch in chunks', () => {
  it('given 2 500 valid events, then progress is reported per chunk and every event comes back', async () => {
    const seen: number[] = [];
    const events = await validateInChunks(Array.from({ length: 2500 }, (_, i) => statement(i)), undefined, (done) => seen.push(done));
    expect(seen).toEqual([1000, 2000, 2500]);
    expect(events).toHaveLength(2500);
  });

  it('given one invalid event in the last chunk, then the whole batch is refused naming its index and line', async () => {
    const inputs = Array.from({ length: 2500 }, (_, i) => (i === 2400 ? { ...statement(i), occurredAt: 'later' } : statement(i)));
    const locations = inputs.map((_, i) => ({ file: 'big.ndjson', line: i + 1 }));
    const error = await validateInChunks(inputs, locations).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).problems).toEqual([
      expect.objectContaining({ index: 2400, file: 'big.ndjson', line: 2401, path: 'occurredAt' }),
    ]);
  });
});
