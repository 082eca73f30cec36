import { describe, expect, it } from '@jest/globals';
import { GIVE_UP_AFTER_MS, nextAttemptAt } from './backoff.ts';

const created = new Date('2026-05-01T00:00:00.000Z');
const after = (ms: number) => new Date(created.getTime() + ms);

describe('webhook retry backoff', () => {
  it('doubles the wait after each failed attempt, from 10 s', () => {
    expect(nextAttemptAt(created, 1, created)).toEqual(after(10_000));
    expect(nextAttemptAt(created, 2, after(10_000))).toEqual(after(30_000));
    expect(nextAttemptAt(created, 3, after(30_000))).toEqual(after(70_000));
  });

  it('never waits more than 6 hours between attempts', () =>
    expect(nextAttemptAt(created, 20, after(1000))).toEqual(after(1000 + 6 * 3600_000)));

  it('gives up when the next attempt would be more than 24 hours after the firing', () => {
    expect(nextAttemptAt(created, 12, after(GIVE_UP_AFTER_MS - 60_000))).toBeNull();
    expect(nextAttemptAt(created, 1, after(GIVE_UP_AFTER_MS - 20_000))).toEqual(
      after(GIVE_UP_AFTER_MS - 10_000),
    );
  });

  it('covers the whole 24 hours with attempts (about 14 of them)', () => {
    let now = created;
    let attempts = 0;
    for (;;) {
      attempts++;
      const next = nextAttemptAt(created, attempts, now);
      if (!next) break;
      now = next;
    }
    expect(now.getTime() - created.getTime()).toBeGreaterThan(18 * 3600_000);
    expect(attempts).toBeGreaterThan(10);
  });
});
