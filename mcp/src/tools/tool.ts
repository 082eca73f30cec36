import type { ApiScope, FieldError, Problem } from '@todo/contracts';
import { z } from 'zod';
import type { TodoApi } from '../todo-api.ts';

/** What a tool answers: words for the model, and the same facts as data. */
export interface ToolOutput {
  text: string;
  structured: Record<string, unknown>;
}

/** A tool's arguments were refused: the REST API's 400 problem, naming the fields the same way. */
export interface ArgumentsRefused {
  refused: Problem;
}

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
}

/** The scopes of API tokens; a session's token has both. */
export const READ_SCOPE: ApiScope = 'tasks:read';
export const WRITE_SCOPE: ApiScope = 'tasks:write';

export interface TodoTool {
  name: string;
  title: string;
  description: string;
  /** The scope a token needs to see and call the tool. */
  scope: ApiScope;
  annotations: ToolAnnotations;
  /** The input's JSON Schema, as tools/list shows it. */
  inputSchema: Record<string, unknown>;
  call(api: TodoApi, args: unknown): Promise<ToolOutput | ArgumentsRefused>;
}

/**
 * zod issues as REST names them (fastify's validation, problem-handler.ts): the JSON path
 * joined with dots, and the unknown keys of a strict object one by one.
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.map((k) => (base ? `${base}.${k}` : k));
      return { field: names.join(','), message: `unknown field(s): ${issue.keys.join(', ')}` };
    }
    return { field: base || 'arguments', message: issue.message };
  });
}

export function argumentsRefused(errors: FieldError[]): ArgumentsRefused {
  return {
    refused: {
      type: 'https://todo.example/problems/validation-error',
      title: 'Your request is not valid',
      status: 400,
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    },
  };
}

/** A tool whose arguments are checked by its contracts schema before `run` sees them. */
export function defineTool<S extends z.ZodType>(definition: {
  name: string;
  title: string;
  description: string;
  scope: TodoTool['scope'];
  annotations: ToolAnnotations;
  input: S;
  run(api: TodoApi, input: z.output<S>): Promise<ToolOutput | ArgumentsRefused>;
}): TodoTool {
  const { input, run, ...rest } = definition;
  return {
    ...rest,
    inputSchema: z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }),
    call: async (api, args) => {
      const parsed = await input.safeParseAsync(args ?? {});
      if (!parsed.success) return argumentsRefused(fieldErrorsOf(parsed.error));
      return run(api, parsed.data);
    },
  };
}
