import { describe, expect, it } from '@jest/globals';
import { every, type Timers } from './timers.ts';

/** Timers that go off only when the test says: each `set` waits in `due` until `fire()`. */
function steppedTimers() {
  const due: { ms: number; callback: () => void }[] = [];
  const timers: Timers = {
    set(callback, ms) {
      const entry = { ms, callback };
      due.push(entry);
      return () => due.splice(due.indexOf(entry), 1);
    },
  };
  const fire = () => due.shift()!.callback();
  return { timers, due, fire };
}

describe('every', () => {
  it('sets the next beat when a beat runs, one at a time, each the same length', () => {
    const { timers, due, fire } = steppedTimers();
    let beats = 0;
    every(timers, 150, () => beats++);
    expect(due.map((d) => d.ms)).toEqual([150]);
    fire();
    fire();
    expect(beats).toBe(2);
    expect(due.map((d) => d.ms)).toEqual([150]);
  });

  it('stops: nothing is left waiting once the returned function ran, even after a beat', () => {
    const { timers, due, fire } = steppedTimers();
    let beats = 0;
    const stop = every(timers, 150, () => beats++);
    fire();
    stop();
    expect(due).toEqual([]);
    expect(beats).toBe(1);
  });

  it('a beat that throws still leaves the next one set', () => {
    const { timers, due, fire } = steppedTimers();
    every(timers, 150, () => {
      throw new Error('one bad beat');
    });
    expect(() => fire()).toThrow('one bad beat');
    expect(due.map((d) => d.ms)).toEqual([150]);
  });
});
