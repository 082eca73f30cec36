import http from 'node:http';

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
 * The load generator's HTTP client: node:http over kept-alive connections. It shares the
 * server's 2 cores, so it must cost little: undici's fetch took 1.2 ms of CPU per list
 * request here, node:http 0.55 ms, and that CPU came out of the server's share.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
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
