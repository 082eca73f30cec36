/** Why the list decider refused a command; mapped to HTTP by the list routes. */
export type ListRuleCode = 'list-not-found' | 'list-exists';

export class ListRuleViolation extends Error {
  readonly code: ListRuleCode;
  constructor(code: ListRuleCode, message: string) {
    super(message);
    this.name = 'ListRuleViolation';
    this.code = code;
  }
}
