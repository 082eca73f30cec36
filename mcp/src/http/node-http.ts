import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** A node request (its body already read) as the web Request the MCP handler takes. */
export function toWebRequest(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Uint8Array | undefined,
): Request {
  const webHeaders = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) webHeaders.append(name, v);
  }
  const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  return new Request(url, { method, headers: webHeaders, ...(hasBody ? { body } : {}) });
}

/** Writes a web Response (JSON answers of the MCP handler: no streaming) to a node response. */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  res.end(body);
}
