// The MCP server: workflow tools over the system's own REST API, as the caller.
export * from './todo-api.ts';
export * from './fetch-todo-api.ts';
export * from './todo-mcp-server.ts';
export * from './http/mcp-http-handler.ts';
export * from './http/node-http.ts';
export { TOOLS, READ_SCOPE, WRITE_SCOPE, type TodoTool, type ToolOutput } from './tools/index.ts';
