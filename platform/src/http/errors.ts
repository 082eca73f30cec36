import type { FieldError } from '@todo/contracts';

/** Errors with an HTTP meaning; the one error handler turns them into problem+json. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  /** Headers the answer carries besides the problem (e.g. Retry-After). */
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    type: string,
    title: string,
    detail: string,
    errors?: FieldError[],
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = errors;
    this.headers = headers;
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'validation-error', 'Your request is not valid', detail, errors);
export const unauthorized = (detail: string) => new HttpProblem(401, 'unauthorized', 'Unauthorized', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail);
export const conflict = (detail: string, type = 'conflict') => new HttpProblem(409, type, 'Conflict', detail);
export const preconditionFailed = (detail: string) =>
  new HttpProblem(412, 'precondition-failed', 'Precondition failed', detail, [
    { field: 'If-Match', message: detail },
  ]);
export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(422, 'unprocessable', 'Unprocessable request', detail, errors);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, 'rate-limited', 'Too many requests', detail, undefined, {
    'retry-after': String(retryAfterSeconds),
  });
