import type { ParseResult } from '@todo/contracts';
import { z } from 'zod';
import { cleanTarget, parse, parseListText, parseTaskText, snoozeUntilText } from '@todo/nl';
import type { Interpreter } from '../interpreter.ts';
import { TOOL_ARGS, TOOLS, type ToolName } from './tools.ts';

export interface ModelConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

/** Off unless all three of OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL are set. */
export function modelConfigFromEnv(env: NodeJS.ProcessEnv): ModelConfig | null {
  const { OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: apiKey, OPENAI_MODEL: model } = env;
  if (!baseUrl || !apiKey || !model) return null;
  const timeoutMs = Number(env.OPENAI_TIMEOUT_MS ?? 10_000);
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiKey,
    model,
    timeoutMs: timeoutMs > 0 ? timeoutMs : 10_000,
  };
}

const SYSTEM_PROMPT = [
  'You help one user manage their own todo list. Reply by calling exactly one tool.',
  'Copy date, time and repetition phrases from the message as they are (translated to English if needed);',
  'never compute dates yourself. Never invent task ids or user ids. If the message asks for something',
  'other than managing this user’s tasks, call help.',
].join(' ');

const ToolCallReply = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          tool_calls: z
            .array(z.object({ function: z.object({ name: z.string(), arguments: z.string() }) }))
            .optional(),
        }),
      }),
    )
    .min(1),
});

/**
 * A language model picks the intent and copies the phrases through a tool call; the
 * deterministic engine still resolves every date, recurrence and filter from those phrases.
 * Any failure (network, timeout, no or malformed tool call, unexpected arguments) falls
 * back to the engine alone, so the chat never depends on the model being up.
 */
export class OpenAiInterpreter implements Interpreter {
  private readonly config: ModelConfig;
  private readonly fetch: typeof fetch;
  constructor(config: ModelConfig, fetchImpl: typeof fetch = fetch) {
    this.config = config;
    this.fetch = fetchImpl;
  }

  async interpret(message: string, context: { now: Date; timezone: string }): Promise<ParseResult> {
    const call = await this.toolCall(message).catch(() => null);
    return (call && fromToolCall(call.name, call.args, message, context)) ?? parse(message, context);
  }

  private async toolCall(message: string): Promise<{ name: ToolName; args: unknown } | null> {
    const res = await this.fetch(`${this.config.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.config.apiKey}` },
      body: JSON.stringify({
        model: this.config.model,
        temperature: 0,
        tool_choice: 'required',
        tools: TOOLS,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: message },
        ],
      }),
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    if (!res.ok) return null;
    const reply = ToolCallReply.safeParse(await res.json());
    const fn = reply.success ? reply.data.choices[0]!.message.tool_calls?.[0]?.function : undefined;
    if (!fn || !(fn.name in TOOL_ARGS)) return null;
    return { name: fn.name as ToolName, args: JSON.parse(fn.arguments) as unknown };
  }
}

/** Turns a validated tool call into the same ParseResult the engine gives, or null to fall back. */
export function fromToolCall(
  name: ToolName,
  rawArgs: unknown,
  message: string,
  context: { now: Date; timezone: string },
): ParseResult | null {
  const base = { text: message, spans: [], now: context.now.toISOString(), timezone: context.timezone };
  switch (name) {
    case 'create_task': {
      const a = TOOL_ARGS.create_task.safeParse(rawArgs);
      return a.success ? { ...parseTaskText(a.data.text, context), text: message, spans: [] } : null;
    }
    case 'update_task': {
      const a = TOOL_ARGS.update_task.safeParse(rawArgs);
      if (!a.success) return null;
      const { title: _ignored, ...fields } = a.data.change
        ? (parseTaskText(a.data.change, context).task ?? {})
        : {};
      const task = { ...fields, ...(a.data.new_title ? { title: a.data.new_title } : {}) };
      return { ...base, intent: 'update_task', target: cleanTarget(a.data.target), task };
    }
    case 'complete_task':
    case 'reopen_task':
    case 'delete_task': {
      const a = TOOL_ARGS[name].safeParse(rawArgs);
      return a.success ? { ...base, intent: name, target: cleanTarget(a.data.target) } : null;
    }
    case 'list_tasks': {
      const a = TOOL_ARGS.list_tasks.safeParse(rawArgs);
      return a.success ? { ...parseListText(a.data.question, context), text: message, spans: [] } : null;
    }
    case 'snooze_reminder': {
      const a = TOOL_ARGS.snooze_reminder.safeParse(rawArgs);
      if (!a.success) return null;
      return {
        ...base,
        intent: 'snooze_reminder',
        snooze: { until: snoozeUntilText(a.data.duration ?? '', context) },
        ...(a.data.target ? { target: cleanTarget(a.data.target) } : {}),
      };
    }
    case 'undo':
    case 'help': {
      const a = TOOL_ARGS[name].safeParse(rawArgs);
      return a.success ? { ...base, intent: name } : null;
    }
  }
}

/** The model-backed interpreter when configured; undefined means the engine alone (the default). */
export function interpreterFromEnv(env: NodeJS.ProcessEnv = process.env): Interpreter | undefined {
  const config = modelConfigFromEnv(env);
  return config ? new OpenAiInterpreter(config) : undefined;
}
