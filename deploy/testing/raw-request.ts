import { request, type IncomingHttpHeaders, type RequestOptions } from 'node:http';

/** An answer read to its end. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One request through node:http, for tests that need what fetch cannot choose: the local
 * address it comes from, or the keep-alive agent (connection) it goes over.
 */
export function rawRequest(options: RequestOptions, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
