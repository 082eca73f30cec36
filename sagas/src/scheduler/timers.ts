/**
 * How a sleeping loop waits for a deadline: the real timers of the process, or a test's
 * manual time (sagas/src/testing/manual-time.ts), so a test decides when a deadline comes
 * instead of waiting for it. `set` returns the function that cancels the timer.
 */
export interface Timers {
  set(callback: () => void, ms: number): () => void;
}

export const realTimers: Timers = {
  set(callback, ms) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
