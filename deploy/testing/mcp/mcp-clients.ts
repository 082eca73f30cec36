import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The stdio entry `npm run mcp` runs. */
export const STDIO_ENTRY = resolve(fileURLToPath(import.meta.url), '../../../../mcp/src/stdio.ts');

export type ConnectMcp = (token: string) => Promise<Client>;

const newClient = () => new Client({ name: 'todo-tests', version: '1.0.0' });

/** The SDK's client over Streamable HTTP at `<url>/mcp`, with the user's bearer token. */
export const overHttp =
  (url: string): ConnectMcp =>
  async (token) => {
    const client = newClient();
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', url), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    return client;
  };

/** The SDK's client over stdio, spawning the entry with this Node (24) as a local agent does. */
export const overStdio =
  (url: string): ConnectMcp =>
  async (token) => {
    const client = newClient();
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [STDIO_ENTRY],
        env: { TODO_URL: url, TODO_TOKEN: token, PATH: process.env.PATH ?? '' },
        stderr: 'pipe',
      }),
    );
    return client;
  };

/** A tool's result, with the text of its first content block. */
export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult & { text: string }> {
  const result = CallToolResultSchema.parse(await client.callTool({ name, arguments: args }));
  const first = result.content[0];
  return { ...result, text: first?.type === 'text' ? first.text : '' };
}
