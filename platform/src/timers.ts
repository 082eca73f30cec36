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
