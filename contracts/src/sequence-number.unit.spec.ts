import { describe, expect, it } from '@jest/globals';
import { BIGINT_MAX, decimalAtMostPattern, SequenceNumber } from './sequence-number.ts';

describe('decimal numbers bounded by a pattern', () => {
  it('given a bound, when numbers around it are tested, then exactly those up to it match', () => {
    for (const max of [0n, 7n, 10n, 99n, 100n, 305n, 1000n, BIGINT_MAX]) {
      const pattern = decimalAtMostPattern(max);
      for (const n of [0n, 1n, max / 2n, max - 1n, max].filter((n) => n >= 0n && n <= max)) {
        expect([max, n, pattern.test(n.toString())]).toEqual([max, n, true]);
      }
      for (const n of [max + 1n, max + 10n, max * 10n + 1n]) {
        expect([max, n, pattern.test(n.toString())]).toEqual([max, n, false]);
      }
    }
    expect(decimalAtMostPattern(305n).test('-1')).toBe(false);
    expect(decimalAtMostPattern(305n).test('3a')).toBe(false);
  });

  it('given the audit cursor from the fuzzing report, when parsed, then it is refused', () => {
    expect(SequenceNumber.safeParse('9223372036854775807').success).toBe(true);
    expect(SequenceNumber.safeParse('9223372036854775808').success).toBe(false);
    expect(SequenceNumber.safeParse('06888208825352333535798').success).toBe(false);
  });
});
