import { describe, expect, it } from '@jest/globals';
import { createLogger, createServer, tokenServiceFromEnv } from '@todo/platform';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.ts';

async function serverWith(checks: ReadinessCheck[]) {
  const app = await createServer({
    logger: createLogger('silent'),
    tokens: tokenServiceFromEnv('a-test-secret-that-is-long-enough-for-hs256'),
    apiTokens: null,
    title: 'health',
  });
  registerHealthRoutes(app, checks);
  await app.ready();
  return app;
}

describe('readiness', () => {
  it('given the sidecar is down, when asked, the app is unready (503) but alive; when it is back, ready again', async () => {
    let sidecarUp = false;
    const app = await serverWith([
      { name: 'database', ready: async () => true },
      { name: 'dapr sidecar', ready: async () => sidecarUp },
    ]);
    const down = await app.inject({ method: 'GET', url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'dapr sidecar unavailable' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    sidecarUp = true;
    const back = await app.inject({ method: 'GET', url: '/readyz' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({ status: 'ready' });
    await app.close();
  });

  it('a check that throws (the sidecar refuses the connection) counts as not ready, not as a 500', async () => {
    const app = await serverWith([
      {
        name: 'dapr sidecar',
        ready: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      },
    ]);
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'dapr sidecar unavailable' });
    await app.close();
  });

  it('the first failing check is named', async () => {
    const app = await serverWith([
      { name: 'database', ready: async () => false },
      { name: 'dapr sidecar', ready: async () => false },
    ]);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'database unavailable',
    });
    await app.close();
  });
});
