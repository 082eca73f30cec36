import { describe, expect, it } from '@jest/globals';
import { sampleValue } from './sample-value.ts';

describe('sampleValue: a valid value for the schema a route documents', () => {
  it('fills the required fields only, by hint where the type alone is not enough', () => {
    const schema = {
      type: 'object',
      properties: { rrule: { type: 'string' }, anchor: { type: 'string', enum: ['schedule'] } },
      required: ['rrule'],
    };
    expect(sampleValue(schema, '', { rrule: 'FREQ=WEEKLY' })).toEqual({ rrule: 'FREQ=WEEKLY' });
  });

  it('gives a body with no required field its first field (a PATCH needs one)', () => {
    const schema = {
      type: 'object',
      properties: { title: { type: 'string', minLength: 3 }, tags: { type: 'array' } },
    };
    expect(sampleValue(schema, '', {})).toEqual({ title: 'probe' });
  });

  it('takes the non-null option of a nullable value, the first of an enum, the minimum of a number', () => {
    expect(
      sampleValue({ anyOf: [{ type: 'null' }, { type: 'string', format: 'date-time' }] }, 'dueAt', {}),
    ).toBe('2030-01-02T03:04:05.000Z');
    expect(sampleValue({ type: 'string', enum: ['low', 'high'] }, 'priority', {})).toBe('low');
    expect(sampleValue({ type: 'integer', minimum: 1 }, 'minutes', {})).toBe(1);
    expect(sampleValue({ type: 'string', minLength: 8 }, 'password', {})).toBe('probeeee');
  });
});
