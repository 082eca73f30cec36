import { describe, expect, it } from '@jest/globals';
import { Alarm } from './alarm.ts';

describe('alarm', () => {
  it('a ring between taking a ticket and sleeping is not lost', async () => {
    const alarm = new Alarm();
    const ticket = alarm.ticket();
    alarm.ring();
    const t0 = Date.now();
    await alarm.sleep(10_000, ticket);
    expect(Date.now() - t0).toBeLessThan(100);
  });

  it('a ring wakes every sleeper', async () => {
    const alarm = new Alarm();
    const sleepers = [alarm.sleep(10_000, alarm.ticket()), alarm.sleep(10_000, alarm.ticket())];
    alarm.ring();
    await Promise.all(sleepers);
  });

  it('without a ring, sleeps until the deadline', async () => {
    const alarm = new Alarm();
    const t0 = Date.now();
    await alarm.sleep(30, alarm.ticket());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(29);
  });
});
