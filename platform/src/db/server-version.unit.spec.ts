import { describe, expect, it } from '@jest/globals';
import { assertServerVersion } from './server-version.ts';

describe('assertServerVersion', () => {
  it('given PostgreSQL 18 or later, then it lets the migrations run', () => {
    expect(() => assertServerVersion(180000, '18.0')).not.toThrow();
    expect(() => assertServerVersion(190002, '19.2')).not.toThrow();
  });

  it('given PostgreSQL 17, then it refuses, naming the version found and the one needed', () => {
    expect(() => assertServerVersion(170006, '17.6')).toThrow(
      'PostgreSQL 17.6 is too old: the system needs PostgreSQL 18 or later',
    );
  });

  it('given no version number, then it refuses', () => {
    expect(() => assertServerVersion(Number.NaN, 'unknown')).toThrow('is too old');
  });
});
