import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { taskCreatedEvent } from '@todo/contracts/testing';
import {
  createKafkaTestEnv,
  type DaprTestApp,
  httpOk,
  sleep,
  startSidecar,
  stopProcess,
  stopSidecar,
  testBroker,
  useDaprRelay,
  waitForApp,
  waitUntil,
  writeResources,
  type KafkaTestEnv,
  type Sidecar,
  type StartedProcess,
} from '@todo/platform/testing';
import { freePort } from '@todo/platform';

// The projector process as the chart runs it with dapr.enabled (EVENT_LOG=dapr, app id
// `projectors`): the real launcher, its own real daprd, events published by the relay
// through its sidecar into real Kafka, and the tasks read model in PostgreSQL.
const PROJECTOR = join(dirname(fileURLToPath(import.meta.url)), 'services', 'projector.ts');

let env: KafkaTestEnv;
let relayApp: DaprTestApp;
let projector: StartedProcess;
let sidecar: Sidecar;
let workDir: string;

beforeAll(async () => {
  env = await createKafkaTestEnv(3);
  relayApp = await useDaprRelay(env);
  workDir = mkdtempSync(join(tmpdir(), 'todo-projector-dapr-'));
  const port = await freePort();
  const logFile = join(workDir, 'projector.log');
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', PROJECTOR], {
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      DATABASE_URL: env.db.connectionString,
      EVENT_LOG: 'dapr',
      KAFKA_TOPIC: env.topic,
      JWT_SECRET: randomUUID(),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
  });
  closeSync(out);
  if (!child.pid) throw new Error('could not start the projector');
  projector = { pid: child.pid, logFile, marker: PROJECTOR };
  await waitUntil(projector, 'projector', () => httpOk(`http://127.0.0.1:${port}/readyz`));
  // A consumer group of its own (the app id) on this run's topic.
  const appId = `projectors-${randomUUID().slice(0, 8)}`;
  sidecar = await startSidecar({
    appId,
    appPort: port,
    resourcesPath: writeResources(join(workDir, 'resources'), {
      brokers: testBroker().brokers,
      appIds: [appId],
    }),
    workDir,
  });
  await waitForApp(sidecar);
});

afterAll(async () => {
  if (sidecar) await stopSidecar(sidecar);
  if (projector) await stopProcess(projector);
  await env?.close();
  await relayApp?.stop();
  if (workDir && !process.env.TEST_DAPR_KEEP_LOGS) rmSync(workDir, { recursive: true, force: true });
});

describe('the projector with EVENT_LOG=dapr', () => {
  it('builds the tasks read model from the log delivered by its sidecar, each event once', async () => {
    const users = [randomUUID(), randomUUID(), randomUUID()];
    const streams: string[] = [];
    for (const userId of users) {
      for (let n = 0; n < 2; n++) {
        const stream = randomUUID();
        streams.push(stream);
        await env.store.append(stream, 0, [taskCreatedEvent({ title: `task ${n}` })], {
          userId,
          source: 'test',
          correlationId: randomUUID(),
        });
      }
    }
    await env.relay.caughtUp();
    const applied = async () =>
      env.db.knex('projection_user_progress').where({ projection: 'tasks' }).whereIn('user_id', users);
    const deadline = Date.now() + 60_000;
    while ((await applied()).some((p) => Number(p.applied) < 2) || (await applied()).length < users.length) {
      if (Date.now() > deadline) throw new Error(`not projected in time: ${JSON.stringify(await applied())}`);
      await sleep(100);
    }
    const rows = await env.db.knex('tasks').whereIn('user_id', users).select('id', 'user_id', 'title');
    expect(rows.map((r) => r.id).sort()).toEqual([...streams].sort());
    expect((await applied()).map((p) => Number(p.applied))).toEqual([2, 2, 2]);
  });
});
