import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { writeResources } from './resources.ts';
import { startSidecar, stopSidecar, waitForApp, waitForScheduler, type Sidecar } from './sidecar.ts';
import { testDaprInfo } from './test-dapr-info.ts';
import { testBroker } from '../../kafka/testing/test-kafka.ts';

/** An app on a free port with its own real daprd sidecar, as the dapr test project runs them. */
export interface DaprTestApp {
  app: FastifyInstance;
  sidecar: Sidecar;
  stop(): Promise<void>;
}

export interface DaprTestAppOptions {
  appId: string;
  /** Adds the app's routes (subscriptions, job callbacks) before it listens. */
  register(app: FastifyInstance): void | Promise<void>;
  /** Connect the sidecar to the test run's Dapr scheduler (Jobs API). */
  scheduler?: boolean;
}

/**
 * Starts the app first (its routes, including `GET /dapr/subscribe`, exist before the
 * sidecar asks), then its sidecar with the repository's components (scoped to this app id,
 * brokers of the test run), and waits until the sidecar has found the app.
 */
export async function startDaprTestApp(options: DaprTestAppOptions): Promise<DaprTestApp> {
  const workDir = mkdtempSync(join(tmpdir(), `todo-dapr-${options.appId.slice(0, 20)}-`));
  const app = Fastify();
  await options.register(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const appPort = typeof address === 'object' && address ? address.port : 0;
  const resourcesPath = writeResources(join(workDir, 'resources'), {
    brokers: testBroker().brokers,
    appIds: [options.appId],
  });
  let sidecar: Sidecar | undefined;
  try {
    sidecar = await startSidecar({
      appId: options.appId,
      appPort,
      resourcesPath,
      workDir,
      logLevel: process.env.TEST_DAPR_LOG_LEVEL === 'debug' ? 'debug' : 'info',
      ...(options.scheduler ? { schedulerAddress: testDaprInfo().scheduler.address } : {}),
    });
    await waitForApp(sidecar);
    if (options.scheduler) await waitForScheduler(sidecar);
  } catch (error) {
    // Nothing of ours left running: the sidecar (if it started) and the app.
    if (sidecar) await stopSidecar(sidecar);
    await app.close();
    throw error;
  }
  const running = sidecar;
  return {
    app,
    sidecar: running,
    stop: async () => {
      await stopSidecar(running);
      await app.close();
      if (!process.env.TEST_DAPR_KEEP_LOGS) rmSync(workDir, { recursive: true, force: true });
    },
  };
}
