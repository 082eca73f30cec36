import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { IMPORT_JSON_MAX_BYTES } from '@todo/contracts';
import { createLogger } from '@todo/platform';
import { RawHttpConnection } from '@todo/platform/testing';
import { startGateway, type Gateway } from './gateway.ts';

let gateway: Gateway;

// No upstream at all: the body is refused by the gateway itself, and the next request is
// answered by it too (503, no command service).
beforeAll(async () => {
  gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    upstreams: { command: [], query: [], realtime: [] },
    realtimePrefixes: [],
    spaDir: null,
    logger: createLogger('silent'),
  });
});

afterAll(() => gateway.close());

it.each(['/api/tasks', '/mcp'])(
  'given a body over the largest a service takes, sent to %s, when the client sends the rest after reading the 413, then the connection takes it and answers the next request',
  async (path) => {
    const connection = new RawHttpConnection(gateway.port);
    try {
      const rest = Buffer.alloc(64 * 1024, 'x');
      const first = Buffer.alloc(IMPORT_JSON_MAX_BYTES + 1, 'x');
      await connection.send(
        `POST ${path} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${first.length + rest.length}\r\n\r\n`,
      );
      await connection.send(first);

      const refusal = await connection.answer();
      expect(refusal.status).toBe(413);
      expect(refusal.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(refusal.body).errors).toEqual([expect.objectContaining({ field: 'body' })]);

      expect(await connection.send(rest)).toBe(true);
      await connection.send('GET /api/tasks HTTP/1.1\r\nHost: test\r\n\r\n');
      expect((await connection.answer()).status).toBe(503);
    } finally {
      connection.close();
    }
  },
);
