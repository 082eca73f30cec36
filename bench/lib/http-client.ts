import { connect, type Socket } from 'node:net';
import { parseHttpAnswer } from '@todo/platform/testing';

/** Small helpers for driving the REST API from a benchmark. */
export async function signup(url: string, email = `bench-${Date.now()}-${Math.random()}@example.com`) {
  const res = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'benchmark-password' }),
  });
  if (res.status !== 201) throw new Error(`signup: ${res.status}`);
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { token: body.token, userId: body.user.id };
}

export interface HttpReply {
  status: number;
  body: string;
}

/**
 * The load generator's HTTP client: HTTP/1.1 written and read by hand over kept-alive
 * sockets. It shares the server's 2 cores, so it must cost little: undici's fetch took 1.2 ms
 * of CPU per list request here and node:http 0.55 ms, CPU that came out of the server's
 * share and whose garbage paused the timing process. This client only frames the request,
 * finds the status and the body's end (`parseHttpAnswer`) and keeps the bytes.
 */
class Connection {
  private received: Buffer = Buffer.alloc(0);
  private waiting: { resolve(reply: HttpReply): void; reject(error: Error): void } | null = null;
  closed = false;
  private readonly socket: Socket;
  private readonly release: (connection: Connection) => void;

  constructor(socket: Socket, release: (connection: Connection) => void) {
    this.socket = socket;
    this.release = release;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length ? Buffer.concat([this.received, chunk]) : chunk;
      this.parse();
    });
    const fail = (error: Error) => {
      this.closed = true;
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection')));
  }

  send(head: string, body: string | undefined): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(body === undefined ? head : head + body);
    });
  }

  private parse(): void {
    if (!this.waiting) return;
    const answer = parseHttpAnswer(this.received);
    if (!answer) return;
    const { status, head, body, end } = answer;
    this.received = this.received.subarray(end);
    const waiting = this.waiting;
    this.waiting = null;
    if (/\r\nconnection:\s*close/i.test(head)) {
      this.closed = true;
      this.socket.destroy();
    } else this.release(this);
    // Decoded only when read: most callers look at the status alone.
    waiting.resolve({
      status,
      get body() {
        return body.toString();
      },
    });
  }
}

/** Idle kept-alive connections per origin (`host:port`). */
const idle = new Map<string, Connection[]>();

function connectionTo(host: string, port: number): Promise<Connection> {
  const origin = `${host}:${port}`;
  const pool = idle.get(origin) ?? [];
  idle.set(origin, pool);
  for (let reused = pool.pop(); reused; reused = pool.pop()) {
    if (!reused.closed) return Promise.resolve(reused);
  }
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => {
      socket.off('error', reject);
      resolve(new Connection(socket, (done) => pool.push(done)));
    });
    socket.once('error', reject);
  });
}

export async function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpReply> {
  const { hostname, port, pathname, search } = new URL(url);
  const connection = await connectionTo(hostname, Number(port || 80));
  let head = `${options.method ?? 'GET'} ${pathname}${search} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n`;
  for (const [name, value] of Object.entries(options.headers ?? {})) head += `${name}: ${value}\r\n`;
  if (options.body !== undefined) head += `content-length: ${Buffer.byteLength(options.body)}\r\n`;
  return connection.send(head + '\r\n', options.body);
}

/** Milliseconds from the call to the whole response body; throws on another status. */
export async function timed(fn: () => Promise<HttpReply>, expected: number): Promise<number> {
  const t0 = performance.now();
  const res = await fn();
  const elapsed = performance.now() - t0;
  if (res.status !== expected) throw new Error(`unexpected status ${res.status}: ${res.body.slice(0, 200)}`);
  return elapsed;
}

/** Runs `task` with at most `concurrency` in flight until `count` have run. */
export async function closedLoop<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** Starts `task` at a fixed rate (open loop, so a slow server cannot slow the arrivals). */
export async function openLoop<T>(
  ratePerSecond: number,
  seconds: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const total = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  const started = performance.now();
  const pending: Promise<T>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(task(i));
  }
  return Promise.all(pending);
}
