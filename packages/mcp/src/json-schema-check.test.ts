import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkJsonSchema } from './json-schema-check.js';

const schema = z.toJSONSchema(
  z
    .object({
      owner: z.string().min(1).max(10),
      stage: z.enum(['Open', 'Closed']).optional(),
      amount: z.number().min(0).optional(),
      count: z.number().int().optional(),
      tags: z
        .array(z.string().regex(/^[a-z]+$/))
        .max(2)
        .optional(),
      either: z.union([z.string(), z.number()]).optional(),
      maybe: z.string().nullable().optional(),
    })
    .strict(),
);

describe('checkJsonSchema', () => {
  it('accepts values that fit', () => {
    expect(
      checkJsonSchema(schema, {
        owner: 'me',
        stage: 'Open',
        amount: 1.5,
        count: 2,
        tags: ['a'],
        either: 3,
        maybe: null,
      }),
    ).toEqual([]);
  });

  it.each([
    [{}, '$.owner: is required'],
    [{ owner: '' }, '$.owner: must be at least 1 character(s)'],
    [{ owner: 'me', stage: 'Won' }, '$.stage: must be one of "Open", "Closed"'],
    [{ owner: 'me', amount: -1 }, '$.amount: must be >= 0'],
    [{ owner: 'me', count: 1.5 }, '$.count: expected integer, got number'],
    [{ owner: 'me', tags: ['a', 'b', 'c'] }, '$.tags: allows at most 2 item(s)'],
    [{ owner: 'me', tags: ['A'] }, '$.tags[0]: does not match the expected format'],
    [{ owner: 'me', either: true }, '$.either: expected string or number, got boolean'],
    [{ owner: 'me', other: 1 }, '$.other: is not an accepted argument ("other")'],
  ])('%j → %s', (value, problem) => {
    expect(checkJsonSchema(schema, value)).toContain(problem);
  });

  it('checks anyOf and oneOf', () => {
    const anyOf = { anyOf: [{ type: 'object', required: ['a'] }, { type: 'string' }] };
    expect(checkJsonSchema(anyOf, 'x')).toEqual([]);
    expect(checkJsonSchema(anyOf, { b: 1 })).toEqual([
      '$: does not match any of the allowed forms',
    ]);
    const oneOf = { oneOf: [{ type: 'number' }, { type: 'integer' }] };
    expect(checkJsonSchema(oneOf, 2)).toEqual([
      '$: does not match exactly one of the allowed forms',
    ]);
  });

  it('follows local $refs and ignores keywords it does not know', () => {
    const withRef = {
      type: 'object',
      properties: { a: { $ref: '#/$defs/n' } },
      $defs: { n: { type: 'number', 'x-unknown': 1 } },
    };
    expect(checkJsonSchema(withRef, { a: 1 })).toEqual([]);
    expect(checkJsonSchema(withRef, { a: 'x' })).toEqual(['$.a: expected number, got string']);
  });
});
