import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createKafka, createLogger, ensureTopics } from '@todo/platform';
import {
  clockStartingAt,
  dropFaketimeObjectsOf,
  testBroker,
  type TestDatabase,
} from '@todo/platform/testing';
import { connect } from '@todo/realtime/testing';
import { START_POSITION } from '@todo/realtime';
import type { Admin } from 'kafkajs';
import { startCluster, type Cluster } from './cluster.ts';
import { clusterClient, eventually, reminderFlow, sleep } from './testing/cluster-client.ts';
import { pinnedDatabase } from './testing/pinned-database.ts';
import { runDayScenario } from '../testing/mcp/day-scenario.ts';
import { overHttp } from '../testing/mcp/mcp-clients.ts';

let db: TestDatabase;
let cluster: Cluster;
let admin: Admin;
const topic = `cluster.task-events.${randomBytes(4).toString('hex')}`;
const logger = createLogger('silent');
// Every process of this cluster is Node: each runs under libfaketime with its wall clock
// starting 30 s before New Year 2026 (the same offset for all, so they agree), in a process
// zone of UTC+14, already in the new year; so does its PostgreSQL, one of its own
// (pinned-database.ts). Kafka's broker (Java, shared by the kafka project) keeps the
// machine's clock: the topic keeps every message whatever its timestamp (retention -1, and a
// broker accepts timestamps from the past; Kafka 4 refuses those more than an hour ahead, so
// the pinned start lies in the past). Dates here are absolute or counted from the cluster's now.
const CLUSTER_START = Date.parse('2025-12-31T23:59:30Z');
const clock = clockStartingAt(CLUSTER_START);
const CLUSTER_TIME_ZONE = 'Pacific/Kiritimati';
/** The spec stays well within an hour of the pinned start; the machine's date does not. */
const onPinnedClock = (instant: number) => instant >= CLUSTER_START && instant < CLUSTER_START + 3_600_000;

beforeAll(async () => {
  db = await pinnedDatabase(clock);
  const brokers = testBroker().brokers;
  admin = createKafka({ brokers: [brokers], clientId: 'cluster-test' }, logger).admin();
  await admin.connect();
  await ensureTopics(admin, { topic, partitions: 4, replicationFactor: 1, minInsyncReplicas: 1 });
  cluster = await startCluster({
    databaseUrl: db.connectionString,
    kafkaBrokers: brokers,
    jwtSecret: randomBytes(32).toString('base64url'),
    host: '127.0.0.1',
    port: 0,
    logger,
    env: {
      ...clock.env,
      TZ: CLUSTER_TIME_ZONE,
      KAFKA_TOPIC: topic,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    },
    output: { file: join(process.cwd(), '.cache', 'cluster-test.log') },
    restart: false,
  });
}, 300_000);
/** Every process of the cluster we ran, killed ones too: libfaketime leaves their objects. */
const ours = new Set<number>();
const noteOurs = () => cluster?.processes().forEach((p) => p.pid !== undefined && ours.add(p.pid));
afterAll(async () => {
  noteOurs();
  await cluster?.stop();
  ours.forEach(dropFaketimeObjectsOf);
  await admin?.disconnect();
  await db?.drop();
});

const client = clusterClient(() => cluster.url);
const { api, signup, createTask, listTasks } = client;
const reminders = reminderFlow(client, () => db.knex, clock.now);

/** The members of a consumer group and the partitions each one holds. */
async function groupMembers(groupId: string): Promise<number> {
  const { groups } = await admin.describeGroups([groupId]);
  return groups[0]?.members.length ?? 0;
}

describe('the cluster on one machine (every service its own process, Kafka as the log)', () => {
  it('serves the standalone API through one gateway port, reads see the writes', async () => {
    const user = await signup();
    const id = await createTask(user.token, { title: 'through Kafka' });
    const tasks = await listTasks(user.token);
    expect(tasks.map((t) => t.title)).toEqual(['through Kafka']);
    expect((await api('GET', '/api/me', user.token)).body.id).toBe(user.userId);
    const history = await api('GET', `/api/tasks/${id}/history`, user.token);
    expect(history.status).toBe(200);
    // The event's time is PostgreSQL's recorded_at: its clock is pinned too.
    const recorded: string = history.body.items[0].time;
    expect([recorded, onPinnedClock(Date.parse(recorded))]).toEqual([recorded, true]);
    const bad = await api('POST', '/api/tasks', user.token, { title: 42 });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('title');
    // The services answer on the pinned clock (Node stamps the Date header with its own).
    const answered = await fetch(`${cluster.url}/api/me`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    const date = answered.headers.get('date');
    expect([date, onPinnedClock(Date.parse(date ?? ''))]).toEqual([date, true]);
  });

  it('imports a Todoist CSV through the command API and exports it through the query API', async () => {
    const user = await signup();
    const started = await fetch(`${cluster.url}/api/imports/todoist`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'text/csv' },
      body: 'TYPE,CONTENT,PRIORITY,DATE\ntask,Pay rent @bills,4,every month on the 1st\n',
    });
    expect(started.status).toBe(202);
    const location = started.headers.get('location')!;
    const job = await eventually(
      () => api('GET', location, user.token),
      (res) => res.body?.status !== 'running',
    );
    expect(job.body).toMatchObject({ status: 'done', created: 1 });
    const exported = await eventually(
      () => api('GET', '/api/export/json', user.token),
      (res) => res.body?.tasks?.length === 1,
    );
    expect(exported.body.tasks[0].task).toMatchObject({
      title: 'Pay rent',
      priority: 'high',
      tags: ['bills'],
    });
    expect(exported.body.tasks[0].events.map((e: { type: string }) => e.type)).toEqual([
      'todo.task.created.v1',
    ]);
  });

  it('serves the calendar feed from the query API through the gateway, with no header', async () => {
    const user = await signup();
    await createTask(user.token, {
      title: 'Feed me',
      dueAt: '2030-03-05T15:30:00Z',
      timezone: 'Europe/Paris',
    });
    const made = await api('POST', '/api/calendar-feed', user.token);
    expect(made.status).toBe(201);
    const path = (made.body as { path: string }).path;
    const feed = await fetch(`${cluster.url}${path}`);
    expect([feed.status, feed.headers.get('content-type')]).toEqual([200, 'text/calendar; charset=utf-8']);
    expect(await feed.text()).toContain('SUMMARY:Feed me\r\n');
    expect((await api('DELETE', '/api/calendar-feed', user.token)).status).toBe(204);
    expect((await fetch(`${cluster.url}${path}`)).status).toBe(404);
  });

  it('accepts a personal API token on every service, and refuses it everywhere once revoked', async () => {
    const user = await signup();
    const created = await api('POST', '/api/tokens', user.token, {
      name: 'cluster agent',
      scopes: ['tasks:read', 'tasks:write'],
    });
    expect(created.status).toBe(201);
    const { id, token } = created.body as { id: string; token: string };
    // command-api, query-api (its own process, reading the same tokens table), realtime.
    const taskId = await createTask(token, { title: 'by token' });
    const listed = await eventually(
      () => listTasks(token),
      (tasks) => tasks.some((t) => t.id === taskId),
    );
    expect(listed.map((t) => t.id)).toContain(taskId);
    expect((await api('POST', '/api/realtime/ticket', token)).status).toBe(200);

    expect((await api('DELETE', `/api/tokens/${id}`, user.token)).status).toBe(204);
    const after = [
      await api('GET', '/api/tasks', token),
      await api('POST', '/api/tasks', token, { title: 'refused' }),
      await api('POST', '/api/realtime/ticket', token),
      await api('GET', '/api/me', token),
    ];
    expect(after.map((a) => [a.status, a.body?.detail])).toEqual(
      Array(4).fill([401, 'the API token was revoked']),
    );
  });

  it('serves the MCP server at /mcp on the gateway: a day through the command and query services, pushed by realtime, one user never seeing another', async () => {
    await runDayScenario({ url: cluster.url, signup }, overHttp(cluster.url));
  });

  it('two projectors split the partitions; killing one hands them over, nothing lost or doubled', async () => {
    expect(
      await eventually(
        () => groupMembers('projection:tasks'),
        (n) => n === 2,
      ),
    ).toBe(2);
    const users = await Promise.all(Array.from({ length: 6 }, () => signup()));
    const perPhase = 5;
    const write = (phase: string) =>
      Promise.all(
        users.map(async (user, u) => {
          for (let i = 0; i < perPhase; i++) await createTask(user.token, { title: `${phase} ${u}-${i}` });
        }),
      );
    const during = write('during');
    await sleep(300);
    noteOurs();
    await cluster.kill('projector', 1, 'SIGKILL');
    await during;
    // The group notices the dead member after its session timeout; then the survivor holds
    // every partition, and what is written now must all go through it.
    expect(
      await eventually(
        () => groupMembers('projection:tasks'),
        (n) => n === 1,
      ),
    ).toBe(1);
    await write('after');
    for (const user of users) {
      const tasks = await eventually(
        () => listTasks(user.token),
        (t) => t.length >= 2 * perPhase,
      );
      expect(tasks).toHaveLength(2 * perPhase);
    }
    // A doubled effect would count an event twice: applied would exceed the user's log.
    const progress = await db.knex.raw(
      `select l.user_id, l.last_seq, p.applied from user_logs l
       join projection_user_progress p on p.user_id = l.user_id and p.projection = 'tasks'
       where l.user_id = any(?)`,
      [users.map((u) => u.userId)],
    );
    expect(progress.rows).toHaveLength(users.length);
    for (const row of progress.rows) expect(Number(row.applied)).toBe(Number(row.last_seq));
    await cluster.revive('projector', 1);
  });

  it('two saga instances: a completed recurring task gets exactly one next occurrence', async () => {
    const user = await signup();
    const id = await createTask(user.token, {
      title: 'water the plants',
      dueAt: '2026-01-01T09:00:00Z',
      recurrence: { rrule: 'FREQ=DAILY', anchor: 'schedule' },
    });
    const done = await fetch(`${cluster.url}/api/tasks/${id}/complete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'if-match': '"1"' },
    });
    expect(done.status).toBe(200);
    const series = await eventually(
      () => listTasks(user.token, '&status=all'),
      (t) => t.length >= 2,
    );
    await sleep(1500); // a second instance acting twice would show up by now
    const after = await listTasks(user.token, '&status=all');
    expect(series.length).toBe(2);
    expect(after.filter((t) => t.status === 'open')).toHaveLength(1);
  });

  it('two saga instances fire a reminder once, at its time', async () => {
    const user = await signup();
    const { taskId, remindAt } = await reminders.create(user.token, 'call the dentist', 2500);
    const firing = await reminders.expectFiredOnceAtItsTime(taskId, remindAt, 20_000);
    // Fired by the sagas' pinned clock, not the machine's.
    expect([firing.firedAt, onPinnedClock(Date.parse(firing.firedAt))]).toEqual([firing.firedAt, true]);
    await sleep(2000); // the other instance, or a redelivery, would have fired it again by now
    expect(await reminders.firings(taskId)).toHaveLength(1);
  });

  it('a client of realtime instance 1 resumes on instance 2 from where it was', async () => {
    const user = await signup();
    const instances = cluster.processes().filter((p) => p.kind === 'realtime');
    expect(instances).toHaveLength(2);
    const [one, two] = instances.map((p) => `http://127.0.0.1:${p.port}`);
    // From the start of the (new) user's feed: a connection without a position starts where
    // the server finds the feed's end once it has set the stream up, after the client saw
    // 'open'; a write projected before that would not be sent (seen once on the loaded
    // machine: 'seen on 1' projected at once, never delivered).
    const first = await connect(one!, user.token, String(START_POSITION));
    await createTask(user.token, { title: 'seen on 1' });
    await first.waitFor((m) => m.length >= 1, 20_000);
    const seen = first.messages[0]!.position;
    await first.close();
    await createTask(user.token, { title: 'while away' });
    const back = await connect(two!, user.token, seen);
    await back.waitFor((m) => m.length >= 1, 20_000);
    expect(back.messages.map((m) => (m as { task?: { title: string } }).task?.title)).toEqual(['while away']);
    await back.close();
  });

  it('carries WebSocket upgrades through the gateway to a realtime instance', async () => {
    const user = await signup();
    const socket = await connect(cluster.url, user.token, String(START_POSITION));
    await createTask(user.token, { title: 'through the gateway' });
    await socket.waitFor((m) => m.length >= 1, 20_000);
    expect((socket.messages[0] as { task?: { title: string } }).task?.title).toBe('through the gateway');
    await socket.close();
  });
});
