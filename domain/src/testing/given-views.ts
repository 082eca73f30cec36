import { expect } from '@jest/globals';
import type { ViewCommand, ViewEvent } from '@todo/contracts';
import { decideViews } from '../views/decide.ts';
import { ViewRuleViolation, type ViewRuleCode } from '../views/errors.ts';
import { evolveViews, initialViewsState } from '../views/views.ts';

/**
 * given([...events]).when(command).then([...events]) for the views decider; the events are
 * those of the user's views stream, the first at version 1.
 */
export function givenViews(events: ViewEvent[]) {
  const state = events.reduce((s, e, i) => evolveViews(s, e, i + 1), initialViewsState);
  return {
    when(command: ViewCommand) {
      const run = () => decideViews(command, state);
      return {
        then(expected: ViewEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenRefuses(code: ViewRuleCode, field?: string) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(ViewRuleViolation);
          expect((caught as ViewRuleViolation).code).toBe(code);
          if (field) expect((caught as ViewRuleViolation).field).toBe(field);
        },
      };
    },
  };
}
