#!/usr/bin/env node
// `npm run --silent mcp` (or the `todo-mcp` bin): the MCP server on stdin/stdout for a local
// agent, as the user whose token TODO_TOKEN is, against the system at TODO_URL. stdout is
// the protocol's: everything else goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { fetchTodoApi } from './fetch-todo-api.ts';
import { ApiProblem } from './todo-api.ts';
import { todoMcpServer } from './todo-mcp-server.ts';

const url = process.env.TODO_URL || 'http://127.0.0.1:8080';
const token = process.env.TODO_TOKEN;
if (!token) {
  process.stderr.write(
    'todo-mcp: set TODO_TOKEN to an API token (Settings → API tokens) or a session token\n',
  );
  process.exit(2);
}
const api = fetchTodoApi({ baseUrl: url, authorization: `Bearer ${token}` });
let scopes: string[] | undefined;
try {
  // Once, at the start: the scopes decide which tools this session lists.
  scopes = (await api.me()).scopes;
} catch (error) {
  const why =
    error instanceof ApiProblem ? error.message : `cannot reach ${url}: ${(error as Error).message}`;
  process.stderr.write(`todo-mcp: ${why}\n`);
  process.exit(1);
}
const server = todoMcpServer(api, scopes);
await server.connect(new StdioServerTransport());
process.stderr.write(`todo-mcp: serving ${url} on stdio\n`);
