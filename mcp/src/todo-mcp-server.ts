import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { ApiProblem, problemText, type TodoApi } from './todo-api.ts';
import { API_SCOPES } from '@todo/contracts';
import { TOOLS, type TodoTool } from './tools/index.ts';

export const SERVER_INFO = { name: 'todo', title: 'Todo', version: '0.1.0' };

const INSTRUCTIONS =
  "The user's tasks in the todo system. Start with `overview` for the day, `find_tasks` to look tasks up; every task line ends with its id and version, which the writing tools take. Dates are ISO 8601 instants; the tools that take plain English (`add_tasks` text, `reschedule_task` when) read it in the user's time zone.";

/** The scopes of API tokens; a caller whose `/api/me` names none (a session) has all. */
export function toolsFor(scopes: readonly string[] | undefined): TodoTool[] {
  const granted = new Set<string>(scopes ?? API_SCOPES);
  return TOOLS.filter((tool) => granted.has(tool.scope));
}

const errorResult = (text: string, structured?: Record<string, unknown>): CallToolResult => ({
  content: [{ type: 'text', text }],
  ...(structured ? { structuredContent: structured } : {}),
  isError: true,
});

/**
 * An MCP server for one caller: the tools their scopes allow, each calling the REST API as
 * them. A refusal of the API (or of the arguments) is a tool error carrying the problem, so
 * the model reads the same field-naming message a REST client gets.
 */
export function todoMcpServer(api: TodoApi, scopes: readonly string[] | undefined): Server {
  const tools = toolsFor(scopes);
  const server = new Server(SERVER_INFO, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: { type: 'object' as const, ...tool.inputSchema },
      annotations: { title: tool.title, ...tool.annotations, openWorldHint: false },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const { name, arguments: args } = request.params;
    const tool = tools.find((t) => t.name === name);
    if (!tool) {
      // A tool the token may not use is as unknown as one that does not exist.
      const known = tools.map((t) => t.name).join(', ');
      throw new McpError(ErrorCode.InvalidParams, `unknown tool "${name}"; the tools are: ${known}`);
    }
    try {
      const output = await tool.call(api, args);
      if ('refused' in output) return errorResult(problemText(output.refused), { problem: output.refused });
      return { content: [{ type: 'text', text: output.text }], structuredContent: output.structured };
    } catch (error) {
      if (error instanceof ApiProblem) return errorResult(error.message, { problem: error.problem });
      throw error;
    }
  });
  return server;
}
