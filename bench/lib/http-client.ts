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

export async function timed(fn: () => Promise<Response>, expected: number): Promise<number> {
  const t0 = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  const elapsed = performance.now() - t0;
  if (res.status !== expected) throw new Error(`unexpected status ${res.status}`);
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
