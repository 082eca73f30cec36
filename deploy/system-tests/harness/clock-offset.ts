import { existsSync } from 'node:fs';

const LIBFAKETIME = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
  '/usr/local/lib/faketime/libfaketime.so.1',
];

/**
 * Environment that moves the standalone process's clock (and its embedded PostgreSQL's, which
 * inherits it) `seconds` ahead of the machine's, with libfaketime (Debian package `faketime`).
 * The standalone launcher takes no injected clock, so this is how a suite makes "the system
 * was down past this instant" true by construction instead of by racing the real clock.
 */
export function clockAheadBy(seconds: number): Record<string, string> {
  const lib = LIBFAKETIME.find((path) => existsSync(path));
  if (!lib) throw new Error('libfaketime not found: install the Debian package "faketime"');
  return {
    LD_PRELOAD: lib,
    FAKETIME: `+${seconds}s`,
    // The offset is fixed for the process's whole life: no re-reading of FAKETIME.
    FAKETIME_NO_CACHE: '0',
    // Timers and monotonic clocks keep real pace; only the wall clock moves.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  };
}
