import { expect } from '@jest/globals';
import type { TaskCommand, TaskEvent } from '@todo/contracts';
import { decide } from '../tasks/decide.ts';
import { TaskRuleViolation, type TaskRuleCode } from '../tasks/errors.ts';
import { evolve, initialState } from '../tasks/task.ts';

/** given([...events]).when(command).then([...events]) for the task decider. */
export function given(events: TaskEvent[]) {
  const state = events.reduce(evolve, initialState);
  return {
    when(command: TaskCommand) {
      const run = () => decide(command, state);
      return {
        then(expected: TaskEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenRefuses(code: TaskRuleCode, field?: string) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(TaskRuleViolation);
          expect((caught as TaskRuleViolation).code).toBe(code);
          if (field) expect((caught as TaskRuleViolation).field).toBe(field);
        },
      };
    },
  };
}
