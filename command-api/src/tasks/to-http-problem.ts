import { conflict, HttpProblem, notFound, preconditionFailed, unprocessable } from '@todo/platform';
import { ListRuleViolation, TaskRuleViolation, VersionMismatch } from '@todo/domain';

/** Maps the decider's refusals to problem+json answers; anything else passes through. */
export function toHttpProblem(error: unknown): unknown {
  if (error instanceof VersionMismatch) {
    return preconditionFailed(`${error.message}: reload it and try again`);
  }
  if (error instanceof ListRuleViolation) {
    return error.code === 'list-not-found' ? notFound('no such list') : conflict(error.message, error.code);
  }
  if (!(error instanceof TaskRuleViolation)) return error;
  switch (error.code) {
    case 'task-not-found':
      return notFound('no such task');
    case 'task-deleted':
      return new HttpProblem(404, 'task-deleted', 'Not found', 'the task was deleted');
    case 'reminder-not-found':
      return notFound(error.message);
    case 'not-recurring':
    case 'task-exists':
    case 'already-completed':
    case 'not-completed':
      return conflict(error.message, error.code);
    case 'needs-due-date':
    case 'rule-never-occurs':
    case 'invalid-series-id':
    case 'list-not-found':
      return unprocessable(
        error.message,
        error.field ? [{ field: error.field, message: error.message }] : undefined,
      );
    default: {
      const _exhaustive: never = error.code;
      return error;
    }
  }
}

/** Runs a command, translating domain refusals for the HTTP layer. */
export async function asHttp<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toHttpProblem(error);
  }
}
