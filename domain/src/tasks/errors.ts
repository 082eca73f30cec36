/** Why the decider refused a command; mapped to HTTP by the routes' error handler. */
export type TaskRuleCode =
  | 'task-not-found'
  | 'task-exists'
  | 'task-deleted'
  | 'already-completed'
  | 'not-completed'
  | 'needs-due-date'
  | 'not-recurring'
  | 'reminder-not-found'
  | 'rule-never-occurs'
  | 'invalid-series-id'
  | 'list-not-found';

export class TaskRuleViolation extends Error {
  readonly code: TaskRuleCode;
  readonly field: string | undefined;
  constructor(code: TaskRuleCode, message: string, field?: string) {
    super(message);
    this.name = 'TaskRuleViolation';
    this.code = code;
    this.field = field;
  }
}
