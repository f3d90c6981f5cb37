import { EventValidationError } from '../../events';
import { MAX_ARRAY_ITEMS, MAX_REPORTED_PROBLEMS, TooManyProblemsError, validateInChunks } from '../../src/commands/validate-in-chunks';

const statement = (i: number) => ({ type: 'StatementIssued', negotiation: 'talks', occurredAt: '2018', data: { speaker: 'x', quote: `q${i}` } });

describe('validating a large batch in chunks', () => {
  it('given 2 500 valid events, then progress is reported per chunk and every event comes back', async () => {
    const seen: number[] = [];
    const events = await validateInChunks(Array.from({ length: 2500 }, (_, i) => statement(i)), undefined, (done) => seen.push(done));
    expect(seen).toEqual([500, 1000, 1500, 2000, 2500]);
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

describe('validateInChunks: problems are bounded', () => {
  it('given one event with 130 000 items in an array, when validated, then it is refused naming the field and the bound (no stack overflow, no per-item check)', async () => {
    const launch = { type: 'NegotiationLaunched', negotiation: 'x', occurredAt: '2020', data: { title: 't', parties: Array.from({ length: 130_000 }, () => 'Xx') } };
    const error = await validateInChunks([launch], undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).problems).toEqual([{ index: 0, path: 'data.parties', message: `at most ${MAX_ARRAY_ITEMS} items` }]);
  });

  it('given one event with 1 000 invalid items, then the first 100 problems are reported with the total', async () => {
    const launch = { type: 'NegotiationLaunched', negotiation: 'x', occurredAt: '2020', data: { title: 't', parties: Array.from({ length: 1_000 }, () => 'Xx') } };
    const refused = (await validateInChunks([launch], undefined).catch((e: unknown) => e)) as TooManyProblemsError;
    expect(refused).toBeInstanceOf(TooManyProblemsError);
    expect(refused.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(refused.total).toBe(1_000);
    expect(refused.problems[0].path).toBe('data.parties[0]');
    expect(refused.message).toMatch(/900 more problems not listed \(1000 in all/);
  });

  it('given 5 000 invalid events, then the answer lists the first 100 (events #0..#99) and counts all 5 000', async () => {
    const error = (await validateInChunks(Array.from({ length: 5_000 }, () => ({ type: 'Nope' })), undefined).catch((e: unknown) => e)) as TooManyProblemsError;
    expect(error.problems.map((p) => p.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(error.total).toBe(5_000);
  });
});
