import {
  MCP_BODY_LIMIT,
  mcpHttpHandler,
  toWebRequest,
  writeWebResponse,
  type McpHttpOptions,
} from '@todo/mcp';
import type { ZodApp } from '@todo/platform';

/**
 * `/mcp` on the API's port: the MCP server's Streamable HTTP endpoint. Left out of the
 * OpenAPI document (it speaks JSON-RPC, not REST), public to fastify's auth hook because the
 * MCP handler checks the bearer token itself, through `GET /api/me`, as every REST call it
 * makes does. Its own scope reads the body as bytes: the MCP handler answers bad JSON with
 * a JSON-RPC parse error.
 */
export async function registerMcpRoute(app: ZodApp, options: Pick<McpHttpOptions, 'apiUrl'>): Promise<void> {
  const handle = mcpHttpHandler({
    ...options,
    onError: (err) => app.log.error({ err }, 'MCP request failed'),
  });
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: MCP_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.route({
      method: ['POST', 'GET', 'DELETE'],
      url: '/mcp',
      config: { public: true },
      schema: { hide: true },
      handler: async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : undefined;
        const url = `http://${request.headers.host ?? 'localhost'}${request.url}`;
        reply.hijack();
        await writeWebResponse(
          reply.raw,
          await handle(toWebRequest(request.method, url, request.headers, body)),
        );
      },
    });
  });
}
