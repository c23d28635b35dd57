import { describe, expect, it } from 'vitest';
import { checkElicitationContent, parseElicitationSchema } from './elicitation-schema.js';

describe('elicitation forms', () => {
  it('keeps primitive fields and drops keywords it does not show', () => {
    expect(
      parseElicitationSchema({
        type: 'object',
        $schema: 'x',
        properties: { when: { type: 'string', format: 'date', 'x-ui': 1 } },
      }),
    ).toEqual({ type: 'object', properties: { when: { type: 'string', format: 'date' } } });
  });

  it('declines anything but a flat object of primitive fields', () => {
    for (const schema of [
      { type: 'object', properties: { a: { type: 'object', properties: {} } } },
      { type: 'object', properties: { a: { type: 'array', items: { type: 'string' } } } },
      { type: 'object', properties: { a: { type: 'string' } }, required: ['b'] },
      { type: 'string' },
      undefined,
    ])
      expect(parseElicitationSchema(schema)).toBeUndefined();
  });

  it('checks each answer against its field', () => {
    const form = parseElicitationSchema({
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        day: { type: 'string', format: 'date' },
        name: { type: 'string', minLength: 2, maxLength: 5 },
        n: { type: 'number', minimum: 0, maximum: 10 },
        ok: { type: 'boolean' },
      },
      required: ['name'],
    })!;
    expect(checkElicitationContent(form, { name: 'Ana', n: 2.5, ok: false })).toEqual({
      content: { name: 'Ana', n: 2.5, ok: false },
    });
    expect(
      checkElicitationContent(form, {
        email: 'not-an-address',
        day: '2026-13-45',
        n: 11,
        ok: 'yes',
        extra: 1,
      }),
    ).toEqual({
      problems: [
        'email: is not an e-mail address',
        'day: is not a date (YYYY-MM-DD)',
        'n: must be at most 10',
        'ok: must be true or false',
        'extra: is not a field of this form',
        'name: is required',
      ],
    });
    expect(checkElicitationContent(form, { name: 'Anastasia' })).toEqual({
      problems: ['name: must be at most 5 characters'],
    });
  });
});
