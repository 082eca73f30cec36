import { HttpErrorResponse } from '@angular/common/http';
import type { Problem } from '@todo/contracts';

/** What a failed call means to a form: one sentence plus the message for each named field. */
export interface UiError {
  message: string;
  status: number;
  fields: Record<string, string>;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'title' in value && 'status' in value;
}

export function toUiError(error: unknown): UiError {
  if (error instanceof HttpErrorResponse) {
    if (isProblem(error.error)) {
      const fields: Record<string, string> = {};
      for (const e of error.error.errors ?? []) fields[e.field] ??= e.message;
      return { message: error.error.detail ?? error.error.title, status: error.status, fields };
    }
    if (error.status === 0) {
      return { message: 'The server cannot be reached. Check your connection.', status: 0, fields: {} };
    }
    return {
      message: `The server answered ${error.status} ${error.statusText}`.trim(),
      status: error.status,
      fields: {},
    };
  }
  return { message: error instanceof Error ? error.message : String(error), status: 0, fields: {} };
}
