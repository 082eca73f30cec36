import { afterAll, beforeAll, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from './http-client.ts';

let server: http.Server;
let url: string;
const connections = new Set<unknown>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      if (path === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first, ');
        res.end('then the rest');
      } else if (path === '/close') {
        res.writeHead(200, { connection: 'close', 'content-length': 2 }).end('ok');
      } else if (path === '/empty') {
        res.writeHead(204).end();
      } else {
        const text = JSON.stringify({
          method: req.method,
          path,
          body,
          auth: req.headers.authorization ?? null,
        });
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      }
    });
  });
  server.on('connection', (socket) => connections.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('sends the method, path, query, headers and a UTF-8 body, and reads a body of a given length', async () => {
  const reply = await request(`${url}/api/tasks?sort=due`, {
    method: 'POST',
    headers: { authorization: 'Bearer t' },
    body: JSON.stringify({ title: 'Zürich ☕ 🚲' }),
  });
  expect(reply.status).toBe(201);
  expect(JSON.parse(reply.body)).toEqual({
    method: 'POST',
    path: '/api/tasks?sort=due',
    body: JSON.stringify({ title: 'Zürich ☕ 🚲' }),
    auth: 'Bearer t',
  });
});

it('reads a chunked body and an empty one', async () => {
  expect(await request(`${url}/chunked`)).toMatchObject({ status: 200, body: 'first, then the rest' });
  expect(await request(`${url}/empty`)).toMatchObject({ status: 204, body: '' });
});

it('keeps connections alive between requests, and opens a new one after the server closed its own', async () => {
  await request(`${url}/first`);
  connections.clear();
  for (let i = 0; i < 5; i++) expect((await request(`${url}/same`)).status).toBe(201);
  expect(connections.size).toBe(0);
  expect((await request(`${url}/close`)).body).toBe('ok');
  expect((await request(`${url}/after-close`)).status).toBe(201);
  expect(connections.size).toBe(1);
});

it('answers requests in flight together, each with its own reply', async () => {
  const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => request(`${url}/n/${i}`)));
  expect(replies.map((r) => (JSON.parse(r.body) as { path: string }).path)).toEqual(
    Array.from({ length: 20 }, (_, i) => `/n/${i}`),
  );
});
