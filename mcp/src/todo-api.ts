import type {
  CreateTaskBody,
  History,
  ListTasksQuery,
  ParseResult,
  PatchTaskBody,
  Problem,
  TaskListResponse,
  TaskView,
  WriteResult,
} from '@todo/contracts';

/** Who the caller is, as `GET /api/me` says; `scopes` is absent before API tokens existed. */
export interface Me {
  id: string;
  email: string;
  timezone: string;
  scopes?: string[];
}

/** `If-Match`: the version a change is meant for. */
export interface WriteOptions {
  expectedVersion?: number;
}

/**
 * The part of the public REST API the MCP tools use, as the caller (their bearer token).
 * The MCP server holds no data and no rules of its own: every read and write is a REST call,
 * so events, idempotency, If-Match, realtime push and isolation are the REST API's.
 */
export interface TodoApi {
  me(): Promise<Me>;
  parse(text: string): Promise<ParseResult>;
  create(body: CreateTaskBody, idempotencyKey?: string): Promise<WriteResult>;
  list(query: Partial<ListTasksQuery>): Promise<TaskListResponse>;
  get(id: string): Promise<TaskView>;
  update(id: string, changes: PatchTaskBody, options?: WriteOptions): Promise<WriteResult>;
  complete(id: string, options?: WriteOptions): Promise<WriteResult>;
  reopen(id: string, options?: WriteOptions): Promise<WriteResult>;
  remove(id: string, options?: WriteOptions): Promise<void>;
  snooze(id: string, reminderId: string, minutes: number): Promise<WriteResult>;
  history(id: string): Promise<History>;
}

/** A refusal of the REST API, carrying its problem+json (the fields it names). */
export class ApiProblem extends Error {
  readonly problem: Problem;
  /** `note` says more than the problem does (what was done before it). */
  constructor(problem: Problem, note?: string) {
    super(note ? `${problemText(problem)}. ${note}` : problemText(problem));
    this.name = 'ApiProblem';
    this.problem = problem;
  }
}

/** One line, as REST's `detail` says it: `field: message; …` when fields are named. */
export function problemText(problem: Problem): string {
  const fields = problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
  return `${problem.title} (${problem.status}): ${fields || problem.detail || problem.title}`;
}
