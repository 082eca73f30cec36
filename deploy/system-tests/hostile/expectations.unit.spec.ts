import { describe, expect, it } from '@jest/globals';
import { namesField } from './expectations.ts';

describe('namesField: whether a problem names the field a case is about', () => {
  const problem = (...fields: string[]) => ({ errors: fields.map((field) => ({ field, message: 'bad' })) });

  it('accepts the field itself, a path below it, or one of a comma-joined list of unknown keys', () => {
    expect(namesField(problem('dueAt'), ['dueAt'])).toBe(true);
    expect(namesField(problem('tags.0'), ['tags'])).toBe(true);
    expect(namesField(problem('userId,ownerId'), ['ownerId'])).toBe(true);
    expect(namesField(problem('If-Match'), ['if-match'])).toBe(true);
  });

  it('refuses another field, a mere prefix of a name, or no errors at all', () => {
    expect(namesField(problem('title'), ['dueAt'])).toBe(false);
    expect(namesField(problem('tagsx'), ['tags'])).toBe(false);
    expect(namesField({ detail: 'dueAt is bad' }, ['dueAt'])).toBe(false);
  });
});
