import { VersionMismatch, ViewRuleViolation } from '@todo/domain';
import { badRequest, conflict, notFound, preconditionFailed, unprocessable } from '@todo/platform';

/** Maps the views decider's refusals to problem+json answers; anything else passes through. */
export function viewProblem(error: unknown): unknown {
  if (error instanceof VersionMismatch) {
    return preconditionFailed(`your views are at version ${error.actual}: reload them and try again`);
  }
  if (!(error instanceof ViewRuleViolation)) return error;
  const named = error.field ? [{ field: error.field, message: error.message }] : undefined;
  switch (error.code) {
    case 'view-not-found':
      return notFound('no such view');
    case 'view-exists':
      return conflict(error.message, error.code);
    case 'view-moved-on':
      return preconditionFailed(`${error.message}: reload the view and try again`);
    case 'invalid-name':
    case 'invalid-filter':
      return badRequest(`${error.field}: ${error.message}`, named);
    case 'too-many-views':
    case 'invalid-order':
      return unprocessable(error.message, named);
    default: {
      const _exhaustive: never = error.code;
      return error;
    }
  }
}
