import { describe, expect, it } from '@jest/globals';
import { manualTime } from '../testing/manual-time.ts';
import { Alarm } from './alarm.ts';

/** Whether the promise has settled once everything already queued has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  return done;
}

// Manual time: no deadline ever comes by itself, so a sleep that ends proves it was rung
// (or its deadline was reached by the test), whatever the machine's load or clock.
describe('alarm', () => {
  it('a ring between taking a ticket and sleeping is not lost', async () => {
    const time = manualTime('2031-03-30T00:59:59.000Z');
    const alarm = new Alarm(time.timers);
    const ticket = alarm.ticket();
    alarm.ring();
    expect(await settled(alarm.sleep(10_000, ticket))).toBe(true);
  });

  it('a ring wakes every sleeper', async () => {
    const time = manualTime('2031-03-30T00:59:59.000Z');
    const alarm = new Alarm(time.timers);
    const sleepers = Promise.all([alarm.sleep(10_000, alarm.ticket()), alarm.sleep(10_000, alarm.ticket())]);
    expect(await settled(sleepers)).toBe(false);
    alarm.ring();
    expect(await settled(sleepers)).toBe(true);
  });

  it('without a ring, sleeps until the deadline and not a moment less', async () => {
    const time = manualTime('2031-03-30T00:59:59.000Z');
    const alarm = new Alarm(time.timers);
    const sleeping = alarm.sleep(30, alarm.ticket());
    time.advance(29);
    expect(await settled(sleeping)).toBe(false);
    time.advance(1);
    expect(await settled(sleeping)).toBe(true);
  });

  it('a ring from before the ticket was taken does not cut the sleep short', async () => {
    const time = manualTime('2031-03-30T00:59:59.000Z');
    const alarm = new Alarm(time.timers);
    alarm.ring();
    const sleeping = alarm.sleep(30, alarm.ticket());
    expect(await settled(sleeping)).toBe(false);
    time.advance(30);
    expect(await settled(sleeping)).toBe(true);
  });
});
