/** Why the tokens decider refused a command; the routes map each code to a problem. */
export type ApiTokenRuleCode = 'token-not-found' | 'token-exists' | 'too-many-tokens';

export class ApiTokenRuleViolation extends Error {
  readonly code: ApiTokenRuleCode;
  constructor(code: ApiTokenRuleCode, message: string) {
    super(message);
    this.name = 'ApiTokenRuleViolation';
    this.code = code;
  }
}
