import { describe, expect, it } from '@jest/globals';
import { storableJson, storableText } from './storable.ts';

describe('storable quarantine text', () => {
  it('given a NUL and an unpaired surrogate, when made storable, then each becomes U+FFFD', () => {
    expect(storableText('a\u0000b\uD800c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('given an emoji (a surrogate pair) and line breaks, when made storable, then they stay', () => {
    expect(storableText('ok 😀\n\tend')).toBe('ok 😀\n\tend');
  });

  it('given nested data with bad keys and values, when made storable, then every string is fixed and the rest kept', () => {
    expect(storableJson({ 'k\u0000': ['\uDC00', 1, null, { deep: 'x\u0000' }], n: 2, b: true })).toEqual({
      'k\uFFFD': ['\uFFFD', 1, null, { deep: 'x\uFFFD' }],
      n: 2,
      b: true,
    });
  });
});
