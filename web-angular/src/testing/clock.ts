import type { Provider } from '@angular/core';
import { CLOCK, type Clock, TIME_ZONE, type TimeZone } from '../app/core/time/clock';

export interface FixedClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

/** A clock that stands still at `iso` until a spec moves it. */
export function fixedClock(iso: string): FixedClock {
  let current = Date.parse(iso);
  if (Number.isNaN(current)) throw new Error(`not an instant: ${iso}`);
  return {
    now: () => current,
    set: (next) => {
      current = Date.parse(next);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** Pins "now" and the user's zone for a spec: it then passes on any date and in any zone. */
export function provideFixedClock(clock: Clock | string, zone: string): Provider[] {
  const pinned = typeof clock === 'string' ? fixedClock(clock) : clock;
  return [
    { provide: CLOCK, useValue: pinned },
    { provide: TIME_ZONE, useValue: { current: () => zone } satisfies TimeZone },
  ];
}
