import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createKafka, createLogger, ensureTopics } from '@todo/platform';
import {
  createTestDatabase,
  LOCAL_SECRET_STORE,
  testBroker,
  testDaprInfo,
  writeResources,
  type TestDatabase,
} from '@todo/platform/testing';
import { connect } from '@todo/realtime/testing';
import { START_POSITION } from '@todo/realtime';
import { startCluster, type Cluster } from './cluster.ts';
import { PUBSUB_APP_IDS } from './dapr-apps.ts';
import { clusterClient, eventually, reminderFlow } from './testing/cluster-client.ts';

// The whole cluster as `npm run start:dapr` runs it: every process on its own real daprd,
// the relay publishing through its sidecar into real Kafka, projector and sagas reading
// through theirs, reminders as jobs on the real Dapr scheduler. The scheduler and daprd are
// Go, which reads the clock through the vDSO, not libc, so libfaketime cannot move it; the
// Jobs API fires by the scheduler's clock, so the flow's "now" is the machine's: a reminder
// is set a few seconds ahead of it and awaited with bounded liveness waits, never timed
// (docs/ARCHITECTURE.md, "Time is an input"). Nothing else reads the date: the recurring
// task's due date is absolute, and the Node processes run in a pinned, awkward zone.
const CLUSTER_TIME_ZONE = 'Pacific/Kiritimati';

let db: TestDatabase;
let cluster: Cluster;
let workDir: string;
const topic = `dapr-cluster.task-events.${randomBytes(4).toString('hex')}`;
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const client = clusterClient(() => cluster.url);
const { api, signup, createTask, listTasks } = client;
// The Dapr scheduler's clock is the machine's: the only clock a job's due time can be set by.
const reminders = reminderFlow(client, () => db.knex, Date.now);

beforeAll(async () => {
  db = await createTestDatabase();
  workDir = mkdtempSync(join(tmpdir(), 'todo-cluster-dapr-'));
  const brokers = testBroker().brokers;
  const admin = createKafka({ brokers: [brokers], clientId: 'dapr-cluster-test' }, logger).admin();
  await admin.connect();
  await ensureTopics(admin, { topic, partitions: 4, replicationFactor: 1, minInsyncReplicas: 1 });
  await admin.disconnect();
  const jwtSecret = randomBytes(32).toString('base64url');
  cluster = await startCluster({
    databaseUrl: db.connectionString,
    kafkaBrokers: brokers,
    jwtSecret,
    host: '127.0.0.1',
    port: 0,
    logger,
    env: {
      TZ: CLUSTER_TIME_ZONE,
      KAFKA_TOPIC: topic,
      KAFKA_PARTITIONS: '4',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    },
    output: { file: join(workDir, 'cluster.log') },
    dapr: {
      // The apps get no DATABASE_URL, JWT_SECRET or KAFKA_BROKERS: they ask their sidecars.
      resourcesPath: writeResources(join(workDir, 'resources'), {
        brokers,
        appIds: PUBSUB_APP_IDS,
        service: { databaseUrl: db.connectionString, jwtSecret },
      }),
      secretStore: LOCAL_SECRET_STORE,
      schedulerAddress: testDaprInfo().scheduler.address,
      workDir,
      ...(process.env.TEST_DAPR_LOG_LEVEL === 'debug' ? { logLevel: 'debug' as const } : {}),
    },
  });
}, 300_000);

afterAll(async () => {
  await cluster?.stop();
  await db?.drop();
  if (workDir && !process.env.TEST_DAPR_KEEP_LOGS) rmSync(workDir, { recursive: true, force: true });
}, 120_000);

/** The read model matches the log: one row per stream at the stream's version, every event applied once. */
async function expectReadModelMatchesLog(userIds: string[]) {
  const streams = await db.knex('streams').whereIn('user_id', userIds).select('stream_id', 'version');
  const rows = await eventually(
    () => db.knex('tasks').whereIn('user_id', userIds).select('id', 'version'),
    (r) =>
      r.length === streams.length &&
      r.every((t) => streams.some((s) => s.stream_id === t.id && s.version === t.version)),
    90_000,
  );
  expect(rows.map((r) => [r.id, r.version]).sort()).toEqual(
    streams.map((s) => [s.stream_id, s.version]).sort(),
  );
  // A doubled effect would count an event twice: applied would exceed the user's log.
  const progress = await db.knex.raw(
    `select l.user_id, l.last_seq, p.applied from user_logs l
     left join projection_user_progress p on p.user_id = l.user_id and p.projection = 'tasks'
     where l.user_id = any(?)`,
    [userIds],
  );
  expect(progress.rows).toHaveLength(userIds.length);
  for (const row of progress.rows) expect(Number(row.applied)).toBe(Number(row.last_seq));
}

describe('the cluster on Dapr (every process on its own real daprd)', () => {
  it('every process has its own sidecar, and the gateway serves the API', async () => {
    const processes = cluster.processes();
    expect(processes.map((p) => p.kind).sort()).toEqual(
      ['command-api', 'projector', 'query-api', 'realtime', 'relay', 'saga'].sort(),
    );
    for (const p of processes) expect(p.sidecar?.alive).toBe(true);
    expect(new Set(processes.map((p) => p.sidecar?.ports.http)).size).toBe(processes.length);
    // The consumers of the log read it through their sidecars: each one's daprd holds the
    // subscription to this run's topic (a consumer on kafkajs would have none).
    for (const kind of ['projector', 'saga'] as const) {
      const sidecar = processes.find((p) => p.kind === kind)!.sidecar!;
      // The sidecar reads the app's subscriptions once it has found the app: soon after the
      // app listens, not necessarily before the cluster reports ready.
      type Metadata = { subscriptions?: Array<{ pubsubname: string; topic: string }> };
      const read = async () =>
        (await (await fetch(`http://127.0.0.1:${sidecar.ports.http}/v1.0/metadata`)).json()) as Metadata;
      const metadata = await eventually(
        read,
        (m) => (m.subscriptions ?? []).some((x) => x.topic === topic),
        60_000,
      );
      expect(metadata.subscriptions).toEqual(
        expect.arrayContaining([expect.objectContaining({ pubsubname: 'task-events', topic })]),
      );
    }
    // Their secrets come from the Dapr secret store through their sidecars: none was given
    // the database URL, the JWT secret or the brokers (the environment they were started
    // with, as the kernel keeps it), and yet the API below signs up and answers.
    for (const p of processes) {
      const environ = readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0');
      const names = environ.map((entry) => entry.slice(0, entry.indexOf('=')));
      expect(names.filter((n) => ['DATABASE_URL', 'JWT_SECRET', 'KAFKA_BROKERS'].includes(n))).toEqual([]);
      expect(environ).toContain(`DAPR_SECRET_STORE=${LOCAL_SECRET_STORE}`);
    }
    const bad = await api('POST', '/api/tasks', (await signup()).token, { title: 42 });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
  });

  it('sign up, complete a recurring task, a reminder reaches a WebSocket client, the read model matches the log', async () => {
    const user = await signup();
    const socket = await connect(cluster.url, user.token, String(START_POSITION));
    const series = await createTask(user.token, {
      title: 'water the plants',
      dueAt: '2030-03-05T15:30:00Z',
      recurrence: { rrule: 'FREQ=DAILY', anchor: 'schedule' },
    });
    const { taskId: reminded, remindAt } = await reminders.create(user.token, 'call the dentist', 4000);
    const done = await fetch(`${cluster.url}/api/tasks/${series}/complete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'if-match': '"1"' },
    });
    expect(done.status).toBe(200);

    // The next occurrence comes from the sagas, which read the log through their sidecar.
    const all = await eventually(
      () => listTasks(user.token, '&status=all'),
      (t) => t.length >= 3,
      90_000,
    );
    expect(
      all
        .filter((t) => t.title === 'water the plants')
        .map((t) => t.status)
        .sort(),
    ).toEqual(['completed', 'open']);
    // The reminder: a job on the Dapr scheduler, called back through the sagas' sidecar.
    await socket.waitFor((m) => m.some((x) => x.type === 'reminder.due'), 90_000);
    const due = socket.messages.filter((m) => m.type === 'reminder.due');
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ taskId: reminded });
    expect(new Date(String((due[0] as { scheduledFor?: string }).scheduledFor)).getTime()).toBe(
      remindAt.getTime(),
    );
    await socket.close();
    await reminders.expectFiredOnceAtItsTime(reminded, remindAt);
    await expectReadModelMatchesLog([user.userId]);
  }, 240_000);

  it("the projector's daprd SIGKILLed mid-stream: unready while it is down, restarted, nothing lost or doubled", async () => {
    const projector = cluster.processes().find((p) => p.kind === 'projector')!;
    const readyz = async () => (await fetch(`http://127.0.0.1:${projector.port}/readyz`)).status;
    expect(await readyz()).toBe(200);
    const users = await Promise.all(Array.from({ length: 4 }, () => signup()));
    const perPhase = 5;
    const write = (phase: string) =>
      Promise.all(
        users.map(async (user, u) => {
          for (let i = 0; i < perPhase; i++) await createTask(user.token, { title: `${phase} ${u}-${i}` });
        }),
      );
    const during = write('during');
    // Mid-stream: the projector has applied some of the writes.
    const projected = await eventually(
      () =>
        db
          .knex('tasks')
          .whereIn(
            'user_id',
            users.map((u) => u.userId),
          )
          .count<{ count: string }[]>('* as count'),
      (r) => Number(r[0]!.count) > 0,
      60_000,
    );
    expect(Number(projected[0]!.count)).toBeGreaterThan(0);
    const before = projector.sidecar!.pid;
    cluster.crashSidecar('projector', 1, 'SIGKILL');
    // The app stays up and says it is not ready while its sidecar is away…
    expect(await eventually(readyz, (s) => s === 503, 30_000)).toBe(503);
    expect(projector.alive).toBe(true);
    await during;
    // …and is ready again once the cluster has started the sidecar again.
    expect(await eventually(readyz, (s) => s === 200, 90_000)).toBe(200);
    // (The sidecar answers its health check before the supervisor has recorded the restart.)
    expect(
      await eventually(
        async () => projector.sidecar!.restarts,
        (n) => n === 1,
        30_000,
      ),
    ).toBe(1);
    expect(projector.sidecar!.pid).not.toBe(before);
    await write('after');
    for (const user of users) {
      const tasks = await eventually(
        () => listTasks(user.token),
        (t) => t.length >= 2 * perPhase,
        120_000,
      );
      expect(tasks).toHaveLength(2 * perPhase);
    }
    await expectReadModelMatchesLog(users.map((u) => u.userId));
  }, 300_000);

  it("the sagas' daprd SIGKILLed before a reminder is due: restarted, the reminder reaches the client once", async () => {
    const saga = cluster.processes().find((p) => p.kind === 'saga')!;
    const user = await signup();
    const socket = await connect(cluster.url, user.token, String(START_POSITION));
    const { taskId: id, remindAt } = await reminders.create(user.token, 'renew the passport', 6000);
    // The job is on the scheduler once the sagas have applied the task's creation (their
    // position per user is kept with the effect).
    const handled = await eventually(
      () => db.knex('kafka_consumer_user_seqs').where({ consumer: 'sagas', user_id: user.userId }).first(),
      (p) => Number(p?.last_seq) >= 1,
      60_000,
    );
    expect(Number(handled?.last_seq)).toBeGreaterThanOrEqual(1);
    const restarts = saga.sidecar!.restarts;
    cluster.crashSidecar('saga', 1, 'SIGKILL');
    await socket.waitFor((m) => m.some((x) => x.type === 'reminder.due'), 120_000);
    expect(
      await eventually(
        async () => saga.sidecar!.restarts,
        (n) => n === restarts + 1,
        30_000,
      ),
    ).toBe(restarts + 1);
    expect(socket.messages.filter((m) => m.type === 'reminder.due')).toHaveLength(1);
    await socket.close();
    await reminders.expectFiredOnceAtItsTime(id, remindAt);
    await expectReadModelMatchesLog([user.userId]);
  }, 300_000);
});
