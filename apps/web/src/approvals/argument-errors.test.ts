import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { argumentErrors } from './argument-errors.js';

function refusal(message: string, data: Record<string, unknown>): TRPCClientError<never> {
  const error = new TRPCClientError<never>(message);
  Object.assign(error, { data: { code: 'BAD_REQUEST', ...data } });
  return error;
}

describe('argumentErrors', () => {
  it('reads the schema check’s wording per argument from the message', () => {
    const error = refusal(
      'The edited arguments do not fit update_stage: $.stage: must be one of "Prospecting", "Negotiation"; $.amount: must be >= 1',
      { zodError: null },
    );
    expect(argumentErrors(error)).toEqual({
      stage: 'must be one of "Prospecting", "Negotiation"',
      amount: 'must be >= 1',
    });
  });

  it('reads flattened zod field errors, by argument name or under arguments.', () => {
    const error = refusal('Invalid input', {
      zodError: { formErrors: [], fieldErrors: { 'arguments.percent': ['at most 50'], id: [] } },
    });
    expect(argumentErrors(error)).toEqual({ percent: 'at most 50' });
  });

  it('finds nothing in errors that are not about arguments', () => {
    expect(argumentErrors(refusal('This request was already approved', {}))).toEqual({});
    expect(argumentErrors(new Error('$.stage: not from the server'))).toEqual({});
  });
});
