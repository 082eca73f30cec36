import { createReadStream, existsSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { IMPORT_JSON_MAX_BYTES, PROBLEM_CONTENT_TYPE, type Problem } from '@todo/contracts';
import { mcpHttpHandler, toWebRequest, writeWebResponse } from '@todo/mcp';
import { discardRestOfBody, type Logger } from '@todo/platform';
import { selfUrl } from '../http/loopback.ts';

/** Where the gateway sends what. Each group is a list of `host:port` instances. */
export interface GatewayUpstreams {
  command: string[];
  query: string[];
  realtime: string[];
}

export interface GatewayOptions {
  host: string;
  port: number;
  upstreams: GatewayUpstreams;
  /** Paths (prefixes) of the realtime service besides the routes it documents; every
   *  WebSocket upgrade goes there too. */
  realtimePrefixes: string[];
  /** The built SPA (index.html and assets), served for every other GET. */
  spaDir: string | null;
  logger: Logger;
}

export interface Gateway {
  url: string;
  port: number;
  /** Re-reads the upstreams' routes (after a service restarted with new ones). */
  refreshRoutes(): Promise<void>;
  close(): Promise<void>;
}

// The largest body a service takes (an import of our JSON export); each route's own limit
// answers a problem+json below it.
const MAX_BODY = IMPORT_JSON_MAX_BYTES;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** `/api/tasks/{id}` → a regex matching `/api/tasks/<anything but a slash>`. */
function templateToRegex(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

type Route = { method: string; path: RegExp };

/** A service's operations, learnt from its OpenAPI document so nothing is duplicated. */
async function readRoutes(upstream: string | undefined): Promise<Route[]> {
  if (!upstream) return [];
  const response = await fetch(`http://${upstream}/api/openapi.json`);
  const doc = (await response.json()) as { paths?: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path: templateToRegex(path) })),
  );
}

/** Why a body was not read: too large (answered 413), or the client went away (not answered). */
type Unread = 'too large' | 'aborted';

/** The whole body, or why not; past MAX_BODY nothing more is kept (the rest is discarded). */
function readBody(req: IncomingMessage): Promise<Buffer | Unread> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: Buffer | Unread) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      chunks = [];
      resolve(outcome);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else settle('too large');
    };
    const onEnd = () => settle(Buffer.concat(chunks));
    const onError = () => settle('aborted');
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** What the body's outcome calls for: the body, or null once it was answered (or cannot be). */
function bodyOrRefusal(req: IncomingMessage, res: ServerResponse, outcome: Buffer | Unread): Buffer | null {
  if (outcome === 'aborted') {
    res.destroy();
    return null;
  }
  if (outcome === 'too large') {
    refuseTooLarge(req, res);
    return null;
  }
  return outcome;
}

/** The gateway's own answers, as problem+json with a length (no chunking for a few bytes). */
function answerProblem(res: ServerResponse, problem: Problem): void {
  const text = JSON.stringify(problem);
  res.writeHead(problem.status, {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** 413 as the services answer it, then the rest of the body read off so the client gets it. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const detail = `the body is larger than the server accepts (${MAX_BODY} bytes)`;
  answerProblem(res, {
    type: 'about:blank',
    title: 'Payload Too Large',
    status: 413,
    detail,
    errors: [{ field: 'body', message: detail }],
  });
  discardRestOfBody(req, res);
}

/**
 * One port in front of the cluster, so a browser and the tests see the same API as in
 * standalone mode: writes and auth to the command API, the read side's routes to the query
 * API, realtime (WebSocket upgrades and SSE) to the realtime instances, the SPA for the
 * rest. Instances of a group are used in turn; one that refuses connections is skipped.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { upstreams, logger } = options;
  let queryRoutes: Route[] = [];
  let realtimeRoutes: Route[] = [];
  const turn = { command: 0, query: 0, realtime: 0 };

  const refreshRoutes = async () => {
    queryRoutes = await readRoutes(upstreams.query[0]);
    realtimeRoutes = await readRoutes(upstreams.realtime[0]);
  };
  await refreshRoutes();

  const pick = (group: keyof GatewayUpstreams): string[] => {
    const list = upstreams[group];
    const start = turn[group]++ % Math.max(list.length, 1);
    return [...list.slice(start), ...list.slice(0, start)];
  };

  const groupFor = (req: IncomingMessage): keyof GatewayUpstreams | 'spa' => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (options.realtimePrefixes.some((p) => path.startsWith(p))) return 'realtime';
    if (realtimeRoutes.some((r) => r.method === req.method && r.path.test(path))) return 'realtime';
    if (!path.startsWith('/api/') && path !== '/healthz' && path !== '/readyz') return 'spa';
    if (queryRoutes.some((r) => r.method === req.method && r.path.test(path))) return 'query';
    return 'command';
  };

  const forward = (
    target: string,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<'done' | 'unreachable'> =>
    new Promise((resolve) => {
      const [host, port] = target.split(':');
      const upstream = http.request(
        {
          host,
          port: Number(port),
          method: req.method,
          path: req.url,
          // Appended, as proxies do: the services trust one hop per proxy (TRUST_PROXY), so
          // an X-Forwarded-For a client makes up is never taken for its address.
          headers: {
            ...req.headers,
            'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress]
              .filter(Boolean)
              .join(', '),
          },
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
          upstreamRes.on('end', () => resolve('done'));
          upstreamRes.on('error', () => resolve('done'));
          // An SSE client leaving must close the upstream stream too.
          res.on('close', () => upstreamRes.destroy());
        },
      );
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        if (!res.headersSent && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(err.code ?? '')) {
          resolve('unreachable');
        } else {
          res.destroy();
          resolve('done');
        }
      });
      upstream.end(body);
    });

  const serveSpa = (req: IncomingMessage, res: ServerResponse) => {
    if (!options.spaDir || !['GET', 'HEAD'].includes(req.method ?? '')) {
      return answerProblem(res, { type: 'about:blank', title: 'Not Found', status: 404 });
    }
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    let file = join(options.spaDir, path);
    if (!file.startsWith(options.spaDir) || !existsSync(file) || !statSync(file).isFile()) {
      file = join(options.spaDir, 'index.html'); // client-side route
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  // The MCP server lives here: a client of the public API like any other, it calls the
  // services through this gateway (the routes above), so it needs no service of its own.
  let ownUrl = '';
  const mcp = mcpHttpHandler({
    apiUrl: () => ownUrl,
    onError: (err) => logger.error({ err }, 'MCP request failed'),
  });

  const serveMcp = async (req: IncomingMessage, res: ServerResponse) => {
    const body = bodyOrRefusal(req, res, await readBody(req));
    if (!body) return;
    const request = toWebRequest(
      req.method ?? 'GET',
      `http://gateway${req.url ?? '/mcp'}`,
      req.headers,
      body,
    );
    await writeWebResponse(res, await mcp(request));
  };

  const server = http.createServer(async (req, res) => {
    if ((req.url ?? '/').split('?')[0] === '/mcp') return serveMcp(req, res);
    const group = groupFor(req);
    if (group === 'spa') return serveSpa(req, res);
    const body = bodyOrRefusal(req, res, await readBody(req));
    if (!body) return;
    for (const target of pick(group)) {
      if ((await forward(target, req, body, res)) === 'done') return;
      logger.warn({ target, group }, 'upstream unreachable; trying the next instance');
    }
    answerProblem(res, { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: group });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const targets = pick('realtime');
    const attempt = (i: number) => {
      const target = targets[i];
      if (!target) return socket.destroy();
      const [host, port] = target.split(':');
      const upstream = connect(Number(port), host!, () => {
        const headers = Object.entries(req.headers).flatMap(([k, v]) =>
          Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`],
        );
        upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
        if (head.length) upstream.write(head);
        socket.pipe(upstream).pipe(socket);
      });
      upstream.on('error', () => (upstream.bytesWritten === 0 ? attempt(i + 1) : socket.destroy()));
      socket.on('error', () => upstream.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
    };
    attempt(0);
  });

  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  ownUrl = selfUrl(options.host, port);
  return {
    url: `http://${options.host}:${port}`,
    port,
    refreshRoutes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
