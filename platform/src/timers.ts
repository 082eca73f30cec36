/**
 * How a waiting loop waits for a deadline: the real timers of the process, or a test's manual
 * time (`manualTime` in @todo/sagas/testing), so a test decides when a deadline comes instead
 * of waiting for it. `set` returns the function that cancels the timer. Beside `Clock`: the
 * sagas' sleeping loops and the realtime gateway's drain timeout take it.
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

/**
 * Runs `tick` every `ms` on `timers` (a heartbeat) until the returned function is called.
 * Each round is set after the last one ran, so manual time in a test moves it one beat at a
 * time, and a real one never piles up behind a blocked event loop.
 */
export function every(timers: Timers, ms: number, tick: () => void): () => void {
  let cancel = timers.set(function beat() {
    cancel = timers.set(beat, ms);
    tick();
  }, ms);
  return () => cancel();
}
