import { expect } from '@jest/globals';
import type { ApiTokenEvent } from '@todo/contracts';
import { evolveApiTokens, initialApiTokensState } from '../api-tokens/api-tokens.ts';
import { decideApiTokens, type ApiTokenCommand } from '../api-tokens/decide.ts';
import { ApiTokenRuleViolation, type ApiTokenRuleCode } from '../api-tokens/errors.ts';

/** givenApiTokens([...events]).when(command).then([...events]) for a user's tokens stream. */
export function givenApiTokens(events: ApiTokenEvent[]) {
  const state = events.reduce(evolveApiTokens, initialApiTokensState);
  return {
    when(command: ApiTokenCommand) {
      const run = () => decideApiTokens(command, state);
      return {
        then(expected: ApiTokenEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenRefuses(code: ApiTokenRuleCode) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(ApiTokenRuleViolation);
          expect((caught as ApiTokenRuleViolation).code).toBe(code);
        },
      };
    },
  };
}
