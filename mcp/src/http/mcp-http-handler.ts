import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { fetchTodoApi } from '../fetch-todo-api.ts';
import { ApiProblem } from '../todo-api.ts';
import { todoMcpServer } from '../todo-mcp-server.ts';

/** A call of 50 new tasks with long descriptions fits; the REST API bounds each task again. */
export const MCP_BODY_LIMIT = 1024 * 1024;

export interface McpHttpOptions {
  /** The system's public URL that the tools call (read when a request comes: known after listen). */
  apiUrl: () => string;
  /** Told of what went wrong unexpectedly; the caller gets a JSON-RPC internal error. */
  onError?: (error: unknown) => void;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A JSON-RPC error without an id: the request could not be read far enough to have one. */
const rpcError = (status: number, code: number, message: string, headers: Record<string, string> = {}) =>
  json(status, { jsonrpc: '2.0', id: null, error: { code, message } }, headers);

const unauthorized = (message: string) =>
  rpcError(401, -32001, message, { 'www-authenticate': 'Bearer realm="todo", error="invalid_token"' });

/** The body as JSON, or the JSON-RPC answer saying why it is not. */
async function readJson(request: Request): Promise<{ body: unknown } | { refused: Response }> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > MCP_BODY_LIMIT) {
    return { refused: rpcError(413, -32600, `the body is larger than ${MCP_BODY_LIMIT} bytes`) };
  }
  if (!isUtf8(bytes)) return { refused: rpcError(400, -32700, 'Parse error: the body is not valid UTF-8') };
  try {
    return { body: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (error) {
    return { refused: rpcError(400, -32700, `Parse error: ${(error as Error).message}`) };
  }
}

/**
 * Streamable HTTP at `/mcp`, stateless: each POST is served by a server made for its caller
 * (the bearer token, whose scopes `GET /api/me` tells), answered as JSON. No session lives
 * in this process, so any instance can take any request. GET (a stream of server-initiated
 * messages) is not offered: there are none.
 */
export function mcpHttpHandler(options: McpHttpOptions): (request: Request) => Promise<Response> {
  const serve = serveFor(options);
  return async (request) => {
    try {
      return await serve(request);
    } catch (error) {
      options.onError?.(error);
      return rpcError(500, -32603, 'Internal error');
    }
  };
}

function serveFor(options: McpHttpOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') {
      return rpcError(405, -32000, `${request.method} is not supported at /mcp; POST JSON-RPC messages`, {
        allow: 'POST',
      });
    }
    const authorization = request.headers.get('authorization');
    if (!authorization || !/^Bearer\s+\S+$/i.test(authorization)) {
      return unauthorized('send "Authorization: Bearer <token>" (an API token or a session token)');
    }
    const read = await readJson(request);
    if ('refused' in read) return read.refused;

    const api = fetchTodoApi({ baseUrl: options.apiUrl(), authorization, correlationId: randomUUID() });
    let scopes: string[] | undefined;
    try {
      scopes = (await api.me()).scopes;
    } catch (error) {
      if (error instanceof ApiProblem && error.problem.status === 401) return unauthorized(error.message);
      if (error instanceof ApiProblem && error.problem.status === 403) {
        return rpcError(403, -32001, error.message);
      }
      throw error;
    }
    const server = todoMcpServer(api, scopes);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, { parsedBody: read.body });
    } finally {
      await server.close();
    }
  };
}
