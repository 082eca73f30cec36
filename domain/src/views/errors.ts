/** Why the views decider refused a command; mapped to HTTP by the view routes. */
export type ViewRuleCode =
  | 'view-not-found'
  | 'view-exists'
  | 'view-moved-on'
  | 'too-many-views'
  | 'invalid-name'
  | 'invalid-filter'
  | 'invalid-order';

export class ViewRuleViolation extends Error {
  readonly code: ViewRuleCode;
  readonly field: string | undefined;
  /** For `view-moved-on`: the view's current version. */
  readonly actualVersion: number | undefined;
  constructor(code: ViewRuleCode, message: string, field?: string, actualVersion?: number) {
    super(message);
    this.name = 'ViewRuleViolation';
    this.code = code;
    this.field = field;
    this.actualVersion = actualVersion;
  }
}
