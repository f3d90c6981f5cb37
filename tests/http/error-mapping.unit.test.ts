import { z } from 'zod';
import { EventValidationError, ParleyError } from '../../events';
import { DomainRuleError } from '../../src/commands/domain-rule.error';
import { asParleyError } from '../../src/errors/invalid-input.error';
import { toApiError } from '../../src/http/api-error';
import { AmbiguousNameError } from '../../src/queries/ambiguous-name.error';
import { NotFoundError } from '../../src/queries/not-found.error';
import { ConcurrencyConflictError, IdempotencyConflictError } from '../../src/store/errors';

describe('one error base, mapped generically', () => {
  it('given an error class the mappers have never heard of, when it extends ParleyError, then HTTP answers with its own status, code and details', () => {
    class QuotaExceededError extends ParleyError {
      readonly code = 'quota_exceeded';
      readonly status = 429;
      override details() {
        return { limit: 3n };
      }
    }
    expect(toApiError(new QuotaExceededError('too many'))).toEqual({
      status: 429,
      body: { error: { code: 'quota_exceeded', message: 'too many', details: { limit: 3 } } },
    });
  });

  it.each([
    [new EventValidationError([{ index: 0, path: 'type', message: 'unknown' }]), 400, 'invalid_event', [{ index: 0, path: 'type', message: 'unknown' }]],
    [new DomainRuleError([{ index: 1, path: 'data.probe', message: 'no event' }]), 400, 'rule_violation', [{ index: 1, path: 'data.probe', message: 'no event' }]],
    [new NotFoundError('issue', 'autoz', ['autos']), 404, 'not_found', { what: 'issue', name: 'autoz', available: ['autos'] }],
    [new AmbiguousNameError('issue', 'autos', ['a', 'b']), 400, 'ambiguous', { what: 'issue', name: 'autos', candidates: ['a', 'b'] }],
    [new ConcurrencyConflictError('nafta', 0n, 'no_stream'), 409, 'concurrency_conflict', { stream: 'nafta', expected: 0, actual: 'no_stream' }],
    [new IdempotencyConflictError('e-1', 7n), 409, 'idempotency_conflict', { eventId: 'e-1', storedPosition: 7 }],
  ])('given %p, then the API error keeps its public status, code and details', (error, status, code, details) => {
    expect(toApiError(error)).toEqual({ status, body: { error: { code, message: error.message, details } } });
  });

  it('given a failed zod parse, then it is an invalid_request naming each field, unrecognized keys by their own name', () => {
    const parsed = z.strictObject({ asOf: z.string(), limit: z.number() }).safeParse({ limit: 'x', extra: 1 });
    const error = asParleyError(parsed.error);
    expect(error).toMatchObject({ code: 'invalid_request', status: 400 });
    expect((error!.details() as { field: string }[]).map((d) => d.field).sort()).toEqual(['asOf', 'extra', 'limit']);
  });

  it('given a refused batch, then the terminal text says nothing was written and lists each problem on its line', () => {
    const error = new EventValidationError([
      { index: 0, line: 2, path: 'occurredAt', message: 'bad date', value: '2018-13' },
      { index: 1, line: 3, path: 'party', message: 'required' },
    ]);
    expect(error.explain()).toBe('rejected, nothing was written:\n  line 2: occurredAt: bad date (got "2018-13")\n  line 3: party: required');
  });

  it('given something that is not ours, then HTTP hides it behind internal_error and the CLI has no ParleyError for it', () => {
    expect(toApiError(new TypeError('x is undefined'))).toEqual({ status: 500, body: { error: { code: 'internal_error', message: 'internal error', details: null } } });
    expect(asParleyError(new TypeError('x'))).toBeUndefined();
  });
});
