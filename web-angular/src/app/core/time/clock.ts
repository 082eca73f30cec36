import { InjectionToken, type Provider } from '@angular/core';

/**
 * "Now" and the user's zone are inputs of the SPA, never read from the environment inside
 * components or helpers: specs pin both (`provideFixedClock` in src/testing), so they pass on
 * any date and in any time zone. Neither token has a default: a component that needs the time
 * fails loudly in a spec that forgot to pin it instead of quietly reading the machine's clock.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** The IANA zone the user lives in (the browser's), asked each time so a change is seen. */
export interface TimeZone {
  current(): string;
}

export const CLOCK = new InjectionToken<Clock>('CLOCK');
export const TIME_ZONE = new InjectionToken<TimeZone>('TIME_ZONE');

/** The browser's zone; 'UTC' when the engine cannot name one. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The real clock and the browser's zone, for the application config. */
export function provideBrowserClock(): Provider[] {
  return [
    { provide: CLOCK, useValue: { now: () => Date.now() } satisfies Clock },
    { provide: TIME_ZONE, useValue: { current: browserTimeZone } satisfies TimeZone },
  ];
}
