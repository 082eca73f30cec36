import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../logger.ts';
import { tokenServiceFromEnv } from '../auth/tokens.ts';
import { createServer, type ZodApp } from './create-server.ts';
import { REFUSED_BODY_DISCARD_LIMIT } from './refused-body.ts';
import { RawHttpConnection } from '../testing/raw-http-connection.ts';

const BODY_LIMIT = 1024;

let app: ZodApp;
let port: number;

beforeAll(async () => {
  app = await createServer({
    logger: createLogger('silent'),
    tokens: tokenServiceFromEnv('a-test-secret-that-is-long-enough-for-hs256'),
    apiTokens: null,
    title: 'refused bodies',
    bodyLimit: BODY_LIMIT,
  });
  app.post('/api/echo', { config: { public: true } }, async (request) => request.body);
  app.get('/api/ping', { config: { public: true } }, async () => ({ pong: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});

afterAll(() => app.close());

const head = (framing: string) =>
  `POST /api/echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`;
const chunked = (data: Buffer) =>
  Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);

describe('a body over the limit, still being sent when the 413 comes', () => {
  it.each([
    ['with a Content-Length', 'declared'],
    ['chunked, with no length', 'chunked'],
  ] as const)(
    'given a body %s, when the client sends the rest after reading the 413, then the connection takes it and answers the next request',
    async (_, framing) => {
      const connection = new RawHttpConnection(port);
      try {
        const rest = Buffer.alloc(64 * 1024, 'x');
        if (framing === 'declared') {
          await connection.send(head(`Content-Length: ${BODY_LIMIT * 2 + rest.length}`));
          await connection.send(Buffer.alloc(BODY_LIMIT * 2, 'x'));
        } else {
          await connection.send(head('Transfer-Encoding: chunked'));
          await connection.send(chunked(Buffer.alloc(BODY_LIMIT * 2, 'x')));
        }

        const refusal = await connection.answer();
        expect(refusal.status).toBe(413);
        expect(refusal.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(refusal.body).errors).toEqual([expect.objectContaining({ field: 'body' })]);
        expect(refusal.headers.connection).not.toBe('close');

        const restSent = await connection.send(framing === 'declared' ? rest : chunked(rest));
        const endSent = framing === 'declared' || (await connection.send('0\r\n\r\n'));
        expect({ restSent, endSent }).toEqual({ restSent: true, endSent: true });
        await connection.send('GET /api/ping HTTP/1.1\r\nHost: test\r\n\r\n');
        const next = await connection.answer();
        expect({ status: next.status, body: JSON.parse(next.body) }).toEqual({
          status: 200,
          body: { pong: true },
        });
      } finally {
        connection.close();
      }
    },
  );

  it('given more than the discard limit, when the client goes on sending, then after the 413 the server ends the connection', async () => {
    const connection = new RawHttpConnection(port);
    try {
      await connection.send(head(`Content-Length: ${REFUSED_BODY_DISCARD_LIMIT * 4}`));
      const refusal = await connection.answer();
      expect(refusal.status).toBe(413);

      const chunk = Buffer.alloc(256 * 1024, 'x');
      let sent = 0;
      while (sent <= REFUSED_BODY_DISCARD_LIMIT * 2 && (await connection.send(chunk))) sent += chunk.length;
      await connection.untilEnded();
      // Ended (a FIN), not reset: the client could read the answer to the end.
      expect({ ended: connection.ended, failure: connection.failure }).toEqual({
        ended: true,
        failure: null,
      });
      expect(sent).toBeGreaterThanOrEqual(REFUSED_BODY_DISCARD_LIMIT);
    } finally {
      connection.close();
    }
  });
});
