import { Server as NetServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem-handler.ts';

const TYPE = 'https://todo.example/problems/shutting-down';
const draining = new WeakSet<FastifyInstance>();

/**
 * While the server drains, every request still gets an answer: those already running finish,
 * those arriving are refused with a 503 problem; both carry `Connection: close`, so each
 * keep-alive connection is closed by the answer itself and no client is left writing a
 * request into a connection the server is tearing down (that was the ECONNRESET).
 * Registered first, before authentication, so a refusal costs nothing.
 */
export function installDrainHooks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!draining.has(app)) return;
    reply.header('connection', 'close').header('retry-after', '1');
    return sendProblem(reply, request, {
      type: TYPE,
      title: 'Shutting down',
      status: 503,
      detail: 'this instance is shutting down; send the request again',
    });
  });
  // A plain app.close() (no drain first) answers the same way while it waits.
  app.addHook('preClose', async () => {
    draining.add(app);
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining.has(app)) reply.header('connection', 'close');
  });
}

export interface DrainOptions {
  /** How long idle keep-alive connections stay open to deliver one last request. */
  graceMs?: number;
  /** Requests still running after this are cut off. */
  forceAfterMs?: number;
}

/**
 * A graceful close without the keep-alive race. Stop accepting connections at once, but
 * keep the open ones for `graceMs` (until none is left, at most): a client may already be
 * sending its next request on an idle one, and it is answered (503, Connection: close)
 * instead of reset. Then fastify's close: onClose hooks, idle connections closed, and the
 * wait for requests still running, cut off after `forceAfterMs`.
 */
export async function drainAndClose(app: FastifyInstance, options: DrainOptions = {}): Promise<void> {
  const { graceMs = 1000, forceAfterMs = 10_000 } = options;
  const server = app.server;
  draining.add(app);
  // http.Server#close would also destroy the idle connections now; only stop listening.
  if (server.listening) NetServer.prototype.close.call(server);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && (await openConnections(server)) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const cut = setTimeout(() => server.closeAllConnections(), forceAfterMs);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}

function openConnections(server: NetServer): Promise<number> {
  return new Promise((resolve) => server.getConnections((err, count) => resolve(err ? 0 : count)));
}
