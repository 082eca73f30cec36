import { expect } from '@jest/globals';
import type { ListCommand, ListEvent } from '@todo/contracts';
import { decideList } from '../lists/decide-list.ts';
import { ListRuleViolation, type ListRuleCode } from '../lists/errors.ts';
import { evolveList, initialListState } from '../lists/list.ts';

/** givenList([...events]).when(command).then([...events]) for the list decider. */
export function givenList(events: ListEvent[]) {
  const state = events.reduce(evolveList, initialListState);
  return {
    when(command: ListCommand) {
      const run = () => decideList(command, state);
      return {
        then(expected: ListEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenRefuses(code: ListRuleCode) {
          expect(run).toThrow(ListRuleViolation);
          try {
            run();
          } catch (error) {
            expect((error as ListRuleViolation).code).toBe(code);
          }
        },
      };
    },
  };
}
